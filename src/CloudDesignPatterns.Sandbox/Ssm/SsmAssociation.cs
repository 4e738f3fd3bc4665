using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>One State Manager association as the sandbox keeps it.</summary>
    internal sealed class SsmAssociation
    {
        public string AssociationId { get; set; } = "";
        public string Region { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AssociationName { get; set; }
        public int Version { get; set; } = 1;
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public string? ScheduleExpression { get; set; }
        public string? MaxConcurrency { get; set; }
        public string? MaxErrors { get; set; }
        /// <summary>True: runs only at the cron times, not at once on create or update (cron expressions only).</summary>
        public bool ApplyOnlyAtCronInterval { get; set; }
        public List<SsmTarget> Targets { get; set; } = new List<SsmTarget>();
        public Dictionary<string, List<string>> Parameters { get; set; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        public List<SsmExecution> Executions { get; } = new List<SsmExecution>();
    }

    internal sealed class SsmTarget
    {
        public string Key { get; set; } = "";
        public List<string> Values { get; set; } = new List<string>();
    }

    /// <summary>
    /// One run of an association (Set-PatternSandbox -RunAssociation, or the Pending one State Manager starts at once on
    /// create or update without ApplyOnlyAtCronInterval), with a record per target instance. The run is one Run Command
    /// command (CommandId) with one invocation per target that ran.
    /// </summary>
    internal sealed class SsmExecution
    {
        public string ExecutionId { get; set; } = "";
        public string CommandId { get; set; } = "";
        public int AssociationVersion { get; set; }
        public DateTime CreatedAt { get; set; }
        public string Status { get; set; } = "Pending";
        public string DetailedStatus { get; set; } = "";
        public List<SsmExecutionTarget> Targets { get; } = new List<SsmExecutionTarget>();
    }

    internal sealed class SsmExecutionTarget
    {
        public string ResourceId { get; set; } = "";
        public string Status { get; set; } = "";
        /// <summary>A status word, as State Manager's (Success, Failed, TimedOut); the output is in the invocation.</summary>
        public string DetailedStatus { get; set; } = "";
        /// <summary>False for a target skipped after MaxErrors: no command ran, so there is no invocation.</summary>
        public bool Ran { get; set; }
        public int ExitCode { get; set; }
        public string StandardOutput { get; set; } = "";
        public string StandardError { get; set; } = "";
        public DateTime StartedAt { get; set; }
        public DateTime FinishedAt { get; set; }
    }
}
