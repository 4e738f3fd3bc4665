using System;

namespace CloudDesignPatterns.Model.Schedules
{
    public enum PatternJobStatus
    {
        /// <summary>The command finished and wrote no error.</summary>
        Succeeded,
        /// <summary>The command failed; Error says why.</summary>
        Failed,
        /// <summary>Another run of the same job holds the lock; nothing ran.</summary>
        Skipped,
    }

    /// <summary>One run of Invoke-PatternJob; ExitCode is what the scheduler sees (0, 1, or 75 for a skipped run).</summary>
    public sealed class PatternJobResult
    {
        public const int SucceededExitCode = 0;
        public const int FailedExitCode = 1;
        /// <summary>EX_TEMPFAIL from sysexits.h: "try again later", which is what a run finding the lock held means.</summary>
        public const int LockHeldExitCode = 75;

        public string Name { get; set; } = "";
        public PatternJobStatus Status { get; set; }
        public int ExitCode { get; set; }
        public DateTime StartedAt { get; set; }
        public long DurationMs { get; set; }
        /// <summary>Objects the command wrote (its items).</summary>
        public int Items { get; set; }
        public int AwsCalls { get; set; }
        public int FailedAwsCalls { get; set; }
        public string? ErrorId { get; set; }
        public string? Error { get; set; }
        public string? AwsErrorCode { get; set; }
        /// <summary>The one JSON line the run logged last.</summary>
        public string Summary { get; set; } = "";

        public override string ToString() => $"{Name} {Status} (exit {ExitCode})";
    }
}
