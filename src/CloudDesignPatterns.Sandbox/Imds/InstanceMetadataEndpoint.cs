using System;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox.Http;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>
    /// A metadata endpoint of its own (a loopback port) that answers as one instance, whichever is the sandbox's current
    /// one. An association run gives each child pwsh one of these, so several targets run at once, each seeing its own
    /// instance and role, as on EC2 where every instance has its own 169.254.169.254.
    /// </summary>
    internal sealed class InstanceMetadataEndpoint : IDisposable
    {
        private readonly LoopbackHttpServer _server;
        private volatile string? _instanceId;

        public InstanceMetadataEndpoint(SandboxState state)
        {
            var handler = new ImdsHandler(state, () => _instanceId);
            _server = new LoopbackHttpServer(0, request => Task.FromResult(handler.Handle(request)));
        }

        public string Url => $"http://127.0.0.1:{_server.Port}/";

        /// <summary>The instance this endpoint answers for from now on (one child at a time uses it).</summary>
        public string? InstanceId
        {
            get => _instanceId;
            set => _instanceId = value;
        }

        public void Dispose() => _server.Dispose();
    }
}
