using System;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Sandbox.Hosting
{
    /// <summary>
    /// The whole sandbox as a user starts it: the seeded EC2 state, the IAM evaluator and the server on one loopback port.
    /// </summary>
    public sealed class SandboxHost : IDisposable
    {
        private readonly SandboxServer server;

        private SandboxHost(SandboxServer server, Ec2Service ec2)
        {
            this.server = server;
            Ec2 = ec2;
            StartedAt = DateTime.UtcNow;
        }

        /// <param name="port">0 picks a free port.</param>
        /// <param name="snapshotCompletionDelay">How long a snapshot stays pending; null keeps the default.</param>
        /// <param name="fleetSize">Extra running instances for fleet-wide drills (see FleetSeeder).</param>
        public static SandboxHost Start(int port, TimeSpan? snapshotCompletionDelay = null, string? currentInstanceId = null, int fleetSize = 0)
        {
            var options = new Ec2ServiceOptions { FleetSize = fleetSize };
            if (snapshotCompletionDelay.HasValue)
            {
                options.SnapshotCompletionDelay = snapshotCompletionDelay.Value;
                options.ImageAvailableDelay = snapshotCompletionDelay.Value;
            }
            var ec2 = new Ec2Service(options);
            var server = SandboxServer.Start(new SandboxServerOptions
            {
                Port = port,
                Ec2 = ec2,
                Instances = ec2,
                CurrentInstanceId = currentInstanceId ?? SandboxSeed.Web1,
                PolicyDecider = new EvaluatorPolicyDecider(),
                DefaultAccountId = SandboxSeed.AccountId,
            });
            return new SandboxHost(server, ec2);
        }

        public Uri Endpoint => server.Endpoint;
        public int Port => server.Port;
        public ISandboxControl Control => server.Control;
        public Ec2Service Ec2 { get; }
        /// <summary>The region the seeded topology lives in.</summary>
        public string Region => SandboxSeed.Region;
        public DateTime StartedAt { get; }

        public void Dispose() => server.Dispose();
    }
}
