using System;
using System.Collections.Generic;
using System.Threading;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>What the probe saw: up or down, and why (shown on the timeline).</summary>
    public sealed class ProbeReading
    {
        public ProbeReading(bool healthy, string detail) { Healthy = healthy; Detail = detail; }
        public bool Healthy { get; }
        public string Detail { get; }
    }

    /// <summary>How one recovery step went.</summary>
    public sealed class RecoveryStepOutcome
    {
        public string Description { get; set; } = "";
        public bool Succeeded { get; set; } = true;
        public string? Error { get; set; }
    }

    /// <summary>
    /// The side of a drill that touches the world: faults, probe, recovery, call log. The cmdlet implements it over the
    /// pattern cmdlets and the sandbox's control API; tests implement it with a script. Every method runs on the caller's
    /// thread (a recovery may be a PowerShell script block), and <see cref="Remove"/> must work after a cancel.
    /// </summary>
    public interface IDrillEnvironment
    {
        DateTime UtcNow { get; }
        /// <summary>Waits, returning early (by throwing <see cref="OperationCanceledException"/>) when the user stops the drill.</summary>
        void Sleep(TimeSpan pause, CancellationToken cancel);
        /// <summary>Before each run: the named resources exist and the service is up on its primary (failing back first when
        /// an earlier run left it on the standby). Throws a PatternException naming what is missing.</summary>
        void Prepare(DrillDeclaration drill, int run);
        /// <summary>For data drills: the age of the newest completed snapshot set at <paramref name="at"/>; null otherwise.</summary>
        TimeSpan? DataAge(DrillDeclaration drill, DateTime at);
        void Inject(DrillFault fault, DrillDeclaration drill);
        /// <summary>Puts a fault back. Must not depend on the cancel token: it runs after Ctrl+C too.</summary>
        string Remove(DrillFault fault, DrillDeclaration drill);
        ProbeReading Probe(DrillDeclaration drill);
        RecoveryStepOutcome Recover(DrillRecoveryStep step, DrillDeclaration drill);
        /// <summary>Where the call log stands now (0 where there is none).</summary>
        long CallMark();
        /// <summary>The calls recorded after a mark ("ec2:ReplaceRoute 200"); empty where there is no call log.</summary>
        string[] CallsSince(long mark);
        /// <summary>Events the environment timed itself (modelled delays: Route 53's checkers, a resolver's cache).</summary>
        IReadOnlyList<GameDayEvent> TakeEvents();
    }
}
