using System;

namespace CloudDesignPatterns.Sandbox.Ec2
{
    /// <summary>Timing and seeding knobs for <see cref="Ec2Service"/>. Delays are measured against <see cref="Clock"/>.</summary>
    public sealed class Ec2ServiceOptions
    {
        /// <summary>How long a new snapshot stays "pending" before it reads "completed".</summary>
        public TimeSpan SnapshotCompletionDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long a new image stays "pending" (at least as long as its snapshots).</summary>
        public TimeSpan ImageAvailableDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long pending/stopping/shutting-down last before running/stopped/terminated.</summary>
        public TimeSpan InstanceTransitionDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>UTC clock; tests inject their own to step through state transitions.</summary>
        public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

        /// <summary>Load the <see cref="SandboxSeed"/> topology at construction.</summary>
        public bool Seed { get; set; } = true;

        /// <summary>Extra running instances ("fleet-0001" …) for fleet-wide drills and benchmarks; 0 = none.</summary>
        public int FleetSize { get; set; }
    }
}
