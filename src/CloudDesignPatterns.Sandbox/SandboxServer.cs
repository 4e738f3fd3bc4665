using System;
using CloudDesignPatterns.Sandbox.Http;
using CloudDesignPatterns.Sandbox.Routing;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>
    /// A local, wire-compatible stand-in for EC2 (Query), STS GetCallerIdentity and IMDSv2 on one loopback port,
    /// with IAM enforcement, fault injection and a call log. Dispose stops it and frees the port.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        private readonly LoopbackHttpServer _http;

        private SandboxServer(SandboxState state, int port)
        {
            var control = new SandboxControl(state);
            Control = control;
            var router = new SandboxRouter(state, control);
            _http = new LoopbackHttpServer(port, router.RouteAsync);
            Port = _http.Port;
            Endpoint = new Uri($"http://127.0.0.1:{Port}/");
        }

        /// <summary>Binds 127.0.0.1:<see cref="SandboxServerOptions.Port"/> (0 = a free port) and starts serving.</summary>
        public static SandboxServer Start(SandboxServerOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (options.Port < 0 || options.Port > 65535) throw new ArgumentOutOfRangeException(nameof(options), "Port must be 0..65535.");
            return new SandboxServer(new SandboxState(options), options.Port);
        }

        /// <summary>http://127.0.0.1:&lt;port&gt;/ — the endpoint for EC2, STS, instance metadata and the control API.</summary>
        public Uri Endpoint { get; }
        public int Port { get; }
        public ISandboxControl Control { get; }

        public void Dispose() => _http.Dispose();
    }
}
