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

        public override string ToString() => $"{Name} {Schedule} ({Backend})";
    }
}
