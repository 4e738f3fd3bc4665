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
        public List<SsmTarget> Targets { get; set; } = new List<SsmTarget>();
        public Dictionary<string, List<string>> Parameters { get; set; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        public List<SsmExecution> Executions { get; } = new List<SsmExecution>();
    }

    internal sealed class SsmTarget
    {
        public string Key { get; set; } = "";
        public List<string> Values { get; set; } = new List<string>();
    }

    /// <summary>One run of an association (Set-PatternSandbox -RunAssociation), with a record per target instance.</summary>
    internal sealed class SsmExecution
    {
        public string ExecutionId { get; set; } = "";
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
        /// <summary>The job's JSON summary line when it printed one, else "exit N: last output line".</summary>
        public string DetailedStatus { get; set; } = "";
        public int ExitCode { get; set; }
        public string Output { get; set; } = "";
        public DateTime FinishedAt { get; set; }
        public string CommandId { get; set; } = "";
    }
}
