using System;

namespace CloudDesignPatterns.Model.GameDay
{
    public enum GameDayEventKind
    {
        /// <summary>A fault was put in place (the clock of the drill starts at the first one).</summary>
        FaultInjected,
        /// <summary>The probe first saw the service down.</summary>
        Detected,
        /// <summary>One recovery step (a pattern cmdlet or the operator's script block) ran.</summary>
        RecoveryStep,
        /// <summary>A modelled delay no API call shows: Route 53's checkers, a resolver's cache.</summary>
        Modelled,
        /// <summary>The probe saw the service up again: the end of the outage.</summary>
        Recovered,
        /// <summary>A fault was taken away again (the instance started, the API faults cleared...).</summary>
        FaultRemoved,
        /// <summary>Something went wrong: the reason is in Error.</summary>
        Failed,
    }

    /// <summary>One point or span of a drill's timeline, measured from the first fault.</summary>
    public sealed class GameDayEvent
    {
        public GameDayEventKind Kind { get; set; }
        /// <summary>From the moment the first fault was injected (negative for what happened before it).</summary>
        public TimeSpan Offset { get; set; }
        public DateTime TimeUtc { get; set; }
        /// <summary>How long the step took (recovery steps, modelled delays); zero for a point in time.</summary>
        public TimeSpan Duration { get; set; }
        public string Description { get; set; } = "";
        /// <summary>The AWS calls the step made, as the sandbox's call log recorded them ("ec2:ReplaceRoute 200"); empty elsewhere.</summary>
        public string[] ApiCalls { get; set; } = new string[0];
        public bool Succeeded { get; set; } = true;
        public string? Error { get; set; }

        public override string ToString() => $"+{Offset.TotalSeconds:0.000}s {Kind} {Description}";
    }
}
