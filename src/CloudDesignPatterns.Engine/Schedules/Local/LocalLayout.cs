using System.Collections.Generic;
using System.IO;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>
    /// Where each backend's files go under a root ("/" on a live Linux system, a temporary folder in tests,
    /// %ProgramData%\CloudDesignPatterns on Windows). The job script is shared by every backend.
    /// </summary>
    public sealed class LocalLayout
    {
        public LocalLayout(string root, ScheduleBackend backend)
        {
            Root = root;
            Backend = backend;
        }

        public string Root { get; }
        public ScheduleBackend Backend { get; }

        public string JobsDirectory => Backend == ScheduleBackend.TaskScheduler
            ? Path.Combine(Root, "jobs")
            : Path.Combine(Root, "etc", "cloud-design-patterns", "jobs");

        public string JobScript(string name) => Path.Combine(JobsDirectory, name + ".ps1");
        public string SystemdService(string name) => Path.Combine(Root, "etc", "systemd", "system", UnitName(name) + ".service");
        public string SystemdTimer(string name) => Path.Combine(Root, "etc", "systemd", "system", UnitName(name) + ".timer");
        public string CronFile(string name) => Path.Combine(Root, "etc", "cron.d", UnitName(name));
        public string TaskXml(string name) => Path.Combine(Root, "tasks", UnitName(name) + ".xml");

        /// <summary>Every file the backend owns for one job, the job script last (it is what marks a job as ours).</summary>
        public IReadOnlyList<string> FilesOf(string name) => Backend switch
        {
            ScheduleBackend.Systemd => new[] { SystemdService(name), SystemdTimer(name), JobScript(name) },
            ScheduleBackend.Cron => new[] { CronFile(name), JobScript(name) },
            _ => new[] { TaskXml(name), JobScript(name) },
        };

        public static string UnitName(string name) => "cdp-" + name;
    }
}
