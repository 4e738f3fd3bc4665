using System;

namespace CloudDesignPatterns.Model.GameDay
{
    /// <summary>One expectation of a drill (RTO, RPO or detection time) against what was measured.</summary>
    public sealed class GameDayExpectation
    {
        /// <summary>Rto, Rpo or Detection.</summary>
        public string Name { get; set; } = "";
        public TimeSpan Limit { get; set; }
        /// <summary>What was measured (over several runs: the worst); null when it could not be (the service never came back).</summary>
        public TimeSpan? Measured { get; set; }
        public bool Passed { get; set; }
        /// <summary>Why it failed; empty when it passed.</summary>
        public string Reason { get; set; } = "";

        public override string ToString() => $"{Name} {(Passed ? "passed" : "FAILED")}: {Measured?.TotalSeconds:0.###} s of {Limit.TotalSeconds:0.###} s";
    }
}
