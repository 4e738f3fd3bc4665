using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>A resolver wired to a fake environment and a fake metadata service, with a recording log.</summary>
    internal sealed class ResolverHarness : IDisposable
    {
        public FakeEnvironment Env { get; } = new FakeEnvironment();
        public FakeImdsHandler Imds { get; } = new FakeImdsHandler();
        public RecordingLog Log { get; } = new RecordingLog();
        /// <summary>Off by default: only the tests about instance metadata turn it on.</summary>
        public bool ImdsEnabled { get; set; }
        private ImdsClient? client;

        public ImdsClient ImdsClient => client ??= new ImdsClient(new ImdsSettings
        {
            Endpoint = new Uri("http://127.0.0.1:9/"),
            EndpointConfigured = true,
            Disabled = !ImdsEnabled,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
        }, Imds);

        public Task<AwsContext> ResolveAsync(ConnectionSettings settings)
            => new AwsContextResolver(Env, () => ImdsClient).ResolveAsync(settings, Log, CancellationToken.None);

        public void Dispose() => client?.Dispose();
    }
}
