using System;

namespace CloudDesignPatterns.Model.GameDay
{
    /// <summary>
    /// What Invoke-PatternGameDay measured for one drill: every run, the RTO spread over -Repeat, the RPO, and each
    /// expectation (passed only when it held in every run).
    /// </summary>
    public sealed class GameDayResult
    {
        public string Drill { get; set; } = "";
        public string Description { get; set; } = "";
        /// <summary>The service kind: RoutingVip, ElasticIp, SecondaryIp, DnsFailover or InstanceData.</summary>
        public string Service { get; set; } = "";
        /// <summary>The recovery mechanism, for side-by-side comparison (route-table failover, Elastic IP move, DNS failover...).</summary>
        public string Mechanism { get; set; } = "";
        /// <summary>The faults, as declared ("StopInstance i-…, ApiThrottled").</summary>
        public string Fault { get; set; } = "";
        public string Recovery { get; set; } = "";
        /// <summary>Sandbox or AWS.</summary>
        public string Target { get; set; } = "";
        public string? SourcePath { get; set; }
        public GameDayRun[] Runs { get; set; } = new GameDayRun[0];
        public TimeSpan? RtoMinimum { get; set; }
        public TimeSpan? RtoMedian { get; set; }
        public TimeSpan? RtoMaximum { get; set; }
        public TimeSpan? DetectionMedian { get; set; }
        /// <summary>The RPO of the first run (data drills); null for a drill without data.</summary>
        public TimeSpan? Rpo { get; set; }
        public GameDayExpectation[] Expectations { get; set; } = new GameDayExpectation[0];
        public bool Passed { get; set; }
        /// <summary>The first failed run's reason; null when every run passed.</summary>
        public string? FailureReason { get; set; }
        /// <summary>The first run's timeline (each run's own is under Runs).</summary>
        public GameDayEvent[] Timeline => Runs.Length > 0 ? Runs[0].Timeline : new GameDayEvent[0];

        public override string ToString() => $"{Drill}: {(Passed ? "passed" : "FAILED")}";
    }
}
