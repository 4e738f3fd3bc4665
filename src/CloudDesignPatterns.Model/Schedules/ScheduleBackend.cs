namespace CloudDesignPatterns.Model.Schedules
{
    /// <summary>Where a schedule lives: the operating system's scheduler on one machine, or State Manager for a fleet.</summary>
    public enum ScheduleBackend
    {
        /// <summary>A systemd service + timer (Linux with systemd).</summary>
        Systemd,
        /// <summary>A file in /etc/cron.d (Linux without systemd).</summary>
        Cron,
        /// <summary>A Windows Task Scheduler task.</summary>
        TaskScheduler,
        /// <summary>An AWS Systems Manager State Manager association (a fleet).</summary>
        StateManager,
    }

    public enum ScheduleScope
    {
        /// <summary>This machine, through its own scheduler.</summary>
        Local,
        /// <summary>Every instance a tag selects, through State Manager.</summary>
        Fleet,
    }
}
