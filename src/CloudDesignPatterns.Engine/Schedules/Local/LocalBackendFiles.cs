using System;
using System.Collections.Generic;
using System.Security;
using System.Xml.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Backends;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>The files one local job is made of, rendered from its definition (pure: what -WhatIf describes).</summary>
    public static class LocalBackendFiles
    {
        public static IReadOnlyDictionary<string, string> Render(LocalJobDefinition job, ScheduleExpression schedule, LocalLayout layout, out string backendSchedule)
        {
            if (layout.Backend != ScheduleBackend.TaskScheduler)
            {
                RefuseSpecialCharacters(job.PwshPath, "pwsh path");
                RefuseSpecialCharacters(layout.JobScript(job.Name), "job script path");
            }
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (layout.Backend)
            {
                case ScheduleBackend.Systemd:
                    var timer = SystemdCalendar.From(schedule);
                    backendSchedule = timer.OnCalendar != null ? "OnCalendar=" + timer.OnCalendar : "OnUnitActiveSec=" + timer.OnUnitActiveSec;
                    files[layout.SystemdService(job.Name)] = Service(job, layout);
                    files[layout.SystemdTimer(job.Name)] = Timer(job, timer);
                    break;
                case ScheduleBackend.Cron:
                    backendSchedule = CronLine.From(schedule);
                    // The expression means UTC on every backend (State Manager's cron is UTC). CRON_TZ says so to the crons
                    // that read it (cronie: Amazon Linux, RHEL, Fedora); the others count host time, as the comment warns.
                    files[layout.CronFile(job.Name)] =
                        $"# {LocalLayout.UnitName(job.Name)}: {job.Schedule} (written by Register-PatternSchedule). The times are UTC (CRON_TZ); " +
                        "a cron that ignores CRON_TZ (Debian's, Ubuntu's) counts host time: keep such a host on UTC.\n" +
                        "SHELL=/bin/sh\n" +
                        "CRON_TZ=UTC\n" +
                        $"{backendSchedule} root {job.PwshPath} -NoProfile -NonInteractive -File {layout.JobScript(job.Name)} >> /var/log/{LocalLayout.UnitName(job.Name)}.log 2>&1\n";
                    break;
                case ScheduleBackend.TaskScheduler:
                    var triggers = TaskSchedulerTriggers.From(schedule);
                    backendSchedule = string.Join("; ", Summaries(triggers));
                    files[layout.TaskXml(job.Name)] = TaskXml(job, layout, triggers);
                    break;
                default:
                    throw new ArgumentException($"{layout.Backend} is not a local backend.");
            }
            files[layout.JobScript(job.Name)] = JobScript.Render(job);
            return files;
        }

        private static string Service(LocalJobDefinition job, LocalLayout layout) =>
            "[Unit]\n" +
            $"Description=CloudDesignPatterns job {job.Name} ({job.Pattern}, {job.Schedule})\n" +
            "Wants=network-online.target\n" +
            "After=network-online.target\n" +
            "\n[Service]\n" +
            "Type=oneshot\n" +
            $"ExecStart={job.PwshPath} -NoProfile -NonInteractive -File {layout.JobScript(job.Name)}\n" +
            // 75 is Invoke-PatternJob's "skipped: another run holds the lock", which is not a failure of this run.
            $"SuccessExitStatus={Model.Schedules.PatternJobResult.LockHeldExitCode}\n";

        private static string Timer(LocalJobDefinition job, SystemdTimerSpec spec)
        {
            var timer = "[Unit]\n" +
                        $"Description=Schedule of CloudDesignPatterns job {job.Name}: {job.Schedule}\n" +
                        "\n[Timer]\n";
            timer += spec.OnCalendar != null
                ? $"OnCalendar={spec.OnCalendar}\n"
                : $"OnBootSec={spec.OnUnitActiveSec}\nOnUnitActiveSec={spec.OnUnitActiveSec}\n";
            // Persistent: a run missed while the machine was off happens at the next boot.
            return timer + "Persistent=true\n" + "\n[Install]\n" + "WantedBy=timers.target\n";
        }

        private static string TaskXml(LocalJobDefinition job, LocalLayout layout, XElement triggers)
        {
            XNamespace ns = TaskSchedulerTriggers.Ns;
            var system = string.Equals(job.RunAs, "SYSTEM", StringComparison.OrdinalIgnoreCase) || job.RunAs == "S-1-5-18";
            var task = new XElement(ns + "Task", new XAttribute("version", "1.2"),
                new XElement(ns + "RegistrationInfo",
                    new XElement(ns + "Author", "CloudDesignPatterns"),
                    new XElement(ns + "Description", $"CloudDesignPatterns job {job.Name} ({job.Pattern}, {job.Schedule})"),
                    new XElement(ns + "URI", @"\CloudDesignPatterns\" + LocalLayout.UnitName(job.Name))),
                triggers,
                new XElement(ns + "Principals", new XElement(ns + "Principal", new XAttribute("id", "Author"),
                    new XElement(ns + "UserId", system ? "S-1-5-18" : job.RunAs),
                    // S4U: runs whether the account is logged on or not, with no stored password (the instance role supplies AWS credentials).
                    new XElement(ns + "LogonType", system ? "ServiceAccount" : "S4U"),
                    new XElement(ns + "RunLevel", "HighestAvailable"))),
                new XElement(ns + "Settings",
                    new XElement(ns + "MultipleInstancesPolicy", "IgnoreNew"),
                    new XElement(ns + "StartWhenAvailable", "true"), // as systemd's Persistent=true
                    new XElement(ns + "DisallowStartIfOnBatteries", "false"),
                    new XElement(ns + "ExecutionTimeLimit", "PT12H"),
                    new XElement(ns + "Enabled", "true")),
                new XElement(ns + "Actions", new XAttribute("Context", "Author"),
                    new XElement(ns + "Exec",
                        new XElement(ns + "Command", job.PwshPath),
                        new XElement(ns + "Arguments", $"-NoProfile -NonInteractive -File \"{layout.JobScript(job.Name)}\""))));
            return new XDocument(new XDeclaration("1.0", "UTF-16", null), task).Declaration + "\n" + task + "\n";
        }

        private static IEnumerable<string> Summaries(XElement triggers)
        {
            foreach (var t in triggers.Elements())
            {
                var start = (string?)t.Element(TaskSchedulerTriggers.Ns + "StartBoundary") ?? "";
                var interval = (string?)t.Element(TaskSchedulerTriggers.Ns + "Repetition")?.Element(TaskSchedulerTriggers.Ns + "Interval");
                yield return $"{t.Name.LocalName} {start.Substring(11, 5)}Z{(interval != null ? " every " + interval : "")}";
            }
        }

        private static void RefuseSpecialCharacters(string value, string what)
        {
            // systemd expands $ and % in ExecStart, cron treats % as a newline, whitespace splits arguments.
            if (value.IndexOfAny(new[] { '$', '%', ' ', '"', '\'', '\n' }) >= 0)
                throw new PatternException("SchedulePathInvalid", PatternErrorCategory.InvalidArgument,
                    $"The {what} '{value}' contains a space, a quote, '$' or '%', which a unit file or cron line would change; use a path without them.");
        }
    }
}
