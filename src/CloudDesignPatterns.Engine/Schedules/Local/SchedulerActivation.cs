using System;
using System.Diagnostics;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>
    /// Tells the live scheduler about written or removed files: systemctl for systemd, schtasks for Task Scheduler
    /// (cron reads /etc/cron.d by itself). Only for the real root; files under a test root are never activated.
    /// </summary>
    public static class SchedulerActivation
    {
        public static void Activate(LocalLayout layout, string name, IOperationLog log)
        {
            var unit = LocalLayout.UnitName(name);
            switch (layout.Backend)
            {
                case ScheduleBackend.Systemd:
                    Run("systemctl", "daemon-reload", log);
                    Run("systemctl", $"enable --now {unit}.timer", log);
                    break;
                case ScheduleBackend.TaskScheduler:
                    Run("schtasks.exe", $"/Create /F /TN \"\\CloudDesignPatterns\\{unit}\" /XML \"{layout.TaskXml(name)}\"", log);
                    break;
            }
        }

        public static void Deactivate(LocalLayout layout, string name, IOperationLog log)
        {
            var unit = LocalLayout.UnitName(name);
            switch (layout.Backend)
            {
                case ScheduleBackend.Systemd:
                    Run("systemctl", $"disable --now {unit}.timer", log);
                    break;
                case ScheduleBackend.TaskScheduler:
                    Run("schtasks.exe", $"/Delete /F /TN \"\\CloudDesignPatterns\\{unit}\"", log);
                    break;
            }
        }

        private static void Run(string file, string arguments, IOperationLog log)
        {
            log.Verbose($"{file} {arguments}");
            var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new PatternException("SchedulerActivationFailed", PatternErrorCategory.InvalidOperation,
                    $"'{file} {arguments}' failed (exit {process.ExitCode}): {error.Trim()}");
        }
    }
}
