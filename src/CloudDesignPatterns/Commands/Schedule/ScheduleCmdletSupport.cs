using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>Defaults the schedule cmdlets share: which local backend this machine has, and where its files live.</summary>
    internal static class ScheduleCmdletSupport
    {
        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Task Scheduler on Windows; systemd where it is running (/run/systemd/system, as sd_booted checks); else cron.</summary>
        public static ScheduleBackend DetectLocalBackend()
            => IsWindows ? ScheduleBackend.TaskScheduler
             : Directory.Exists("/run/systemd/system") ? ScheduleBackend.Systemd
             : ScheduleBackend.Cron;

        public static string LiveRoot => IsWindows
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CloudDesignPatterns")
            : "/";

        public static string ResolveRoot(PSCmdlet cmdlet, string? root)
            => root == null ? LiveRoot : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(root);

        /// <summary>Only files under the live root are handed to systemctl / schtasks; a test root never is.</summary>
        public static bool IsLive(string root)
            => string.Equals(Path.GetFullPath(root).TrimEnd('/', '\\'), Path.GetFullPath(LiveRoot).TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);

        /// <summary>A -Command given as a script block or as a line of text, as the text the job will run.</summary>
        public static string CommandText(object? command) => command switch
        {
            ScriptBlock block => block.ToString().Trim(),
            PSObject wrapped => CommandText(wrapped.BaseObject),
            string text when !string.IsNullOrWhiteSpace(text) => text.Trim(),
            _ => throw new PSArgumentException("-Command takes a script block or a command line, e.g. { New-PatternSnapshot -Self -Wait }."),
        };
    }
}
