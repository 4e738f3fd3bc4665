using System;

namespace CloudDesignPatterns.Model.Schedules
{
    /// <summary>
    /// One instance's part of a fleet schedule's run, as State Manager recorded it: its status, the job's exit code and
    /// the job runner's JSON summary line (Invoke-PatternJob), from which ErrorId and Error come when the run failed.
    /// </summary>
    public sealed class FleetInstanceRun
    {
        public string InstanceId { get; set; } = "";
        /// <summary>State Manager's status for the instance: Success, Failed, Skipped, InProgress…</summary>
        public string Status { get; set; } = "";
        /// <summary>Invoke-PatternJob's exit code (0, 1, 75 for a run that found the lock held); null when not reported.</summary>
        public int? ExitCode { get; set; }
        /// <summary>The job's summary line (JSON), the last one of the run's stdout (GetCommandInvocation); empty when there is none.</summary>
        public string Summary { get; set; } = "";
        public string? ErrorId { get; set; }
        public string? Error { get; set; }
        /// <summary>When the command started on the instance (the invocation's ExecutionStartDateTime); null until it is read.</summary>
        public DateTime? StartedAt { get; set; }
        public DateTime? FinishedAt { get; set; }
        public string ExecutionId { get; set; } = "";
        /// <summary>The Run Command command of the run (the target's OutputSource), whose invocation has the output.</summary>
        public string? CommandId { get; set; }

        public override string ToString() => $"{InstanceId} {Status} (exit {ExitCode?.ToString() ?? "?"})";
    }
}
