using System;
using CloudDesignPatterns.Engine;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>One seeded sandbox (EC2 + IMDS + IAM on 127.0.0.1, a free port) for a test class.</summary>
    public sealed class SandboxHostFixture : IDisposable
    {
        public SandboxHostFixture()
        {
            // The SDK client must never probe the real metadata address, whatever the runner's environment says.
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            Host = SandboxHost.Start(0);
        }

        public SandboxHost Host { get; }

        public void Dispose()
        {
            Host.Dispose();
            EngineCaches.ForgetEndpoint(Host.Endpoint.ToString()); // clients for this port are useless once it closes
        }
    }
}
