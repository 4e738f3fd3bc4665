using System;

namespace CloudDesignPatterns.Model.GameDay
{
    /// <summary>One run of a drill: fault, detection, recovery, verification and the fault put back.</summary>
    public sealed class GameDayRun
    {
        /// <summary>1 for the first run of -Repeat.</summary>
        public int Number { get; set; }
        public DateTime FaultInjectedUtc { get; set; }
        /// <summary>From the fault to the probe's first "down"; null when the probe never saw the outage.</summary>
        public TimeSpan? DetectionTime { get; set; }
        /// <summary>From the fault to the probe's first "up" after the recovery; null when the service did not come back.</summary>
        public TimeSpan? Rto { get; set; }
        /// <summary>The age of the newest completed snapshot set at the moment of the fault (data drills); null otherwise.</summary>
        public TimeSpan? Rpo { get; set; }
        /// <summary>True when the service came back, every expectation held and every fault was put back.</summary>
        public bool Passed { get; set; }
        /// <summary>Why the run failed; null when it passed.</summary>
        public string? FailureReason { get; set; }
        public GameDayEvent[] Timeline { get; set; } = new GameDayEvent[0];
        public GameDayExpectation[] Expectations { get; set; } = new GameDayExpectation[0];

        public override string ToString() => $"run {Number}: {(Passed ? "passed" : "FAILED")}, RTO {Rto?.TotalSeconds:0.000} s";
    }
}
