using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Backends;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>A planned local registration: the files to write, or why nothing needs writing.</summary>
    public sealed class LocalSchedulePlan
    {
        public LocalJobDefinition Job { get; set; } = new LocalJobDefinition();
        public LocalLayout Layout { get; set; } = null!;
        public IReadOnlyDictionary<string, string> Files { get; set; } = new Dictionary<string, string>();
        public string BackendSchedule { get; set; } = "";
        public ScheduleAction Action { get; set; }
        /// <summary>Why the job may not run at the time meant on this host, or null: said at registration, before any file is written.</summary>
        public string? HostTimeWarning { get; set; }
    }

    /// <summary>
    /// Local schedules as files under a root: plan (parse, check the backend's limits, render, compare with what is
    /// there) → write → activate → read back. Every refusal happens in Plan, before a file is touched.
    /// </summary>
    public static class LocalScheduleStore
    {
        public static LocalSchedulePlan Plan(LocalJobDefinition job, string root)
        {
            LocalJobDefinition.ValidateName(job.Name);
            var expression = ScheduleExpressionParser.Parse(job.Schedule);
            job.Schedule = expression.Text;
            BackendLimits.Check(expression, job.Backend);
            var layout = new LocalLayout(root, job.Backend);
            var files = LocalBackendFiles.Render(job, expression, layout, out var backendSchedule);

            var action = ScheduleAction.Created;
            var existing = FindAny(root, job.Name);
            if (existing != null)
            {
                if (existing.Value.Layout.Backend != job.Backend || !existing.Value.Job.SameDeclaration(job))
                    throw new PatternException("ScheduleExistsWithOtherDefinition", PatternErrorCategory.ResourceExists,
                        $"A job named '{job.Name}' is already scheduled with another definition ({existing.Value.Job.Pattern}, " +
                        $"{existing.Value.Job.Schedule}, {existing.Value.Layout.Backend}: {existing.Value.Job.Command.Trim()}). " +
                        "Remove it first with Unregister-PatternSchedule, or register this one under another -Name.");
                action = files.All(f => File.Exists(f.Key) && File.ReadAllText(f.Key) == f.Value) ? ScheduleAction.Unchanged : ScheduleAction.Updated;
            }
            return new LocalSchedulePlan
            {
                Job = job, Layout = layout, Files = files, BackendSchedule = backendSchedule, Action = action, HostTimeWarning = HostTimeWarning(job, TimeZoneInfo.Local),
            };
        }

        /// <summary>
        /// The cron file says CRON_TZ=UTC, which cronie honours; Debian's and Ubuntu's cron ignore it and count host time,
        /// so on a host not on UTC the job there would run hours off.
        /// </summary>
        internal static string? HostTimeWarning(LocalJobDefinition job, TimeZoneInfo hostZone)
        {
            if (job.Backend != ScheduleBackend.Cron || hostZone.BaseUtcOffset == TimeSpan.Zero && !hostZone.SupportsDaylightSavingTime) return null;
            return $"This host's time zone is {hostZone.Id}, not UTC. The cron file sets CRON_TZ=UTC, which cronie honours; Debian's and Ubuntu's " +
                   $"cron ignore it and would run '{job.Schedule}' at host time. Prefer -Backend Systemd there, or keep the host on UTC.";
        }

        public static PatternSchedule Apply(LocalSchedulePlan plan, bool activate, IOperationLog log)
        {
            if (plan.Action != ScheduleAction.Unchanged)
            {
                foreach (var file in plan.Files)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(file.Key)!);
                    File.WriteAllText(file.Key, file.Value);
                    log.Debug($"Wrote {file.Key}");
                }
                if (activate) SchedulerActivation.Activate(plan.Layout, plan.Job.Name, log);
            }
            // Verify: what a later Get-PatternSchedule will read is what was planned.
            var changed = plan.Files.Where(f => !File.Exists(f.Key) || File.ReadAllText(f.Key) != f.Value).Select(f => f.Key).ToList();
            if (changed.Count > 0)
                throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData,
                    $"Read back after writing job '{plan.Job.Name}', these files differ from what was written: {string.Join(", ", changed)}.");
            var result = ToSchedule(plan.Job, plan.Layout, plan.BackendSchedule);
            result.Action = plan.Action;
            return result;
        }

        /// <summary>Every job under the root, for each local backend whose files are there.</summary>
        public static IEnumerable<PatternSchedule> Read(string root)
        {
            foreach (var backend in new[] { ScheduleBackend.Systemd, ScheduleBackend.Cron, ScheduleBackend.TaskScheduler })
            {
                var layout = new LocalLayout(root, backend);
                if (!Directory.Exists(layout.JobsDirectory)) continue;
                foreach (var script in Directory.GetFiles(layout.JobsDirectory, "*.ps1").OrderBy(f => f, StringComparer.Ordinal))
                {
                    var job = JobScript.Read(script);
                    if (job == null) continue;
                    var files = layout.FilesOf(job.Name);
                    if (!File.Exists(files[0])) continue; // the job script of another backend sharing the jobs folder
                    job.Backend = backend;
                    string backendSchedule;
                    try
                    {
                        LocalBackendFiles.Render(job, ScheduleExpressionParser.Parse(job.Schedule), layout, out backendSchedule);
                    }
                    catch (PatternException) { backendSchedule = "?"; }
                    var schedule = ToSchedule(job, layout, backendSchedule);
                    schedule.Action = ScheduleAction.Registered;
                    yield return schedule;
                }
            }
        }

        public static PatternSchedule? Find(string root, string name) => Read(root).FirstOrDefault(s => s.Name == name);

        public static PatternSchedule Remove(PatternSchedule schedule, bool deactivate, IOperationLog log)
        {
            var layout = new LocalLayout(schedule.Root ?? "/", schedule.Backend);
            if (deactivate) SchedulerActivation.Deactivate(layout, schedule.Name, log);
            foreach (var file in layout.FilesOf(schedule.Name))
            {
                if (File.Exists(file)) File.Delete(file);
                log.Debug($"Deleted {file}");
            }
            var left = layout.FilesOf(schedule.Name).Where(File.Exists).ToList();
            if (left.Count > 0)
                throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData,
                    $"Job '{schedule.Name}' still has files after removal: {string.Join(", ", left)}.");
            schedule.Action = ScheduleAction.Removed;
            return schedule;
        }

        private static (LocalJobDefinition Job, LocalLayout Layout)? FindAny(string root, string name)
        {
            foreach (var backend in new[] { ScheduleBackend.Systemd, ScheduleBackend.Cron, ScheduleBackend.TaskScheduler })
            {
                var layout = new LocalLayout(root, backend);
                var job = JobScript.Read(layout.JobScript(name));
                if (job != null && File.Exists(layout.FilesOf(name)[0])) return (job, layout);
            }
            return null;
        }

        private static PatternSchedule ToSchedule(LocalJobDefinition job, LocalLayout layout, string backendSchedule) => new PatternSchedule
        {
            Name = job.Name, Pattern = job.Pattern, Command = job.Command.Trim(), Schedule = job.Schedule, Scope = ScheduleScope.Local,
            Backend = layout.Backend, BackendSchedule = backendSchedule, Root = layout.Root, Files = layout.FilesOf(job.Name).ToArray(),
        };
    }
}
