using System;

namespace CloudDesignPatterns.Model.Schedules
{
    /// <summary>What Register-/Unregister-PatternSchedule did with a schedule (Get-PatternSchedule reports Registered).</summary>
    public enum ScheduleAction
    {
        /// <summary>Written and read back.</summary>
        Created,
        /// <summary>Already there with this definition: nothing written.</summary>
        Unchanged,
        /// <summary>Same job, its files rewritten (another module path or pwsh).</summary>
        Updated,
        /// <summary>Found (Get-PatternSchedule).</summary>
        Registered,
        /// <summary>Removed, and a read-back found nothing left.</summary>
        Removed,
    }

    /// <summary>
    /// One scheduled job. Name binds to Unregister-PatternSchedule -Name and Invoke-PatternJob -Name; Root and Backend bind
    /// too, so Get-PatternSchedule | Unregister-PatternSchedule removes what it listed.
    /// </summary>
    public sealed class PatternSchedule
    {
        public string Name { get; set; } = "";
        public string Pattern { get; set; } = "";
        /// <summary>The PowerShell the job runs, as given.</summary>
        public string Command { get; set; } = "";
        /// <summary>The AWS expression, e.g. cron(30 2 * * ? *).</summary>
        public string Schedule { get; set; } = "";
        public ScheduleScope Scope { get; set; }
        public ScheduleBackend Backend { get; set; }
        /// <summary>What the backend was given for the schedule (OnCalendar, cron fields, trigger summary).</summary>
        public string BackendSchedule { get; set; } = "";
        /// <summary>The file-system root the local files are under ("/" on a live system).</summary>
        public string? Root { get; set; }
        /// <summary>The files that make up the job (local backends).</summary>
        public string[] Files { get; set; } = new string[0];
        public ScheduleAction Action { get; set; }
        /// <summary>Fleet schedules: the region of the association (empty for a local schedule).</summary>
        public string Region { get; set; } = "";
        /// <summary>Fleet schedules: the State Manager association (binds to Unregister-PatternSchedule -AssociationId).</summary>
        public string? AssociationId { get; set; }
        /// <summary>Fleet schedules: the tag that selects the instances, "key=value" or "key" alone.</summary>
        public string? TargetTag { get; set; }
        public string? MaxConcurrency { get; set; }
        public string? MaxErrors { get; set; }
        /// <summary>Fleet schedules: where each instance imports the module from (a path on the instance or an s3:// zip).</summary>
        public string? ModuleSource { get; set; }
        /// <summary>Fleet schedules: the status of the association's last run (Success, Failed, InProgress), or null before the first.</summary>
        public string? LastRunStatus { get; set; }
        public DateTime? LastRunAt { get; set; }
        /// <summary>Fleet schedules: the last run on each target instance.</summary>
        public FleetInstanceRun[] LastRun { get; set; } = new FleetInstanceRun[0];

        public override string ToString() => $"{Name} {Schedule} ({Backend})";
    }
}
