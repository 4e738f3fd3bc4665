using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>
    /// The script every local backend starts with <c>pwsh -NoProfile -NonInteractive -File</c>: it imports the module and
    /// exits with Invoke-PatternJob's exit code. The command sits in a literal here-string, so neither systemd ($, %) nor
    /// cron (%) nor a command line ever has to quote it. Its first line records the declaration, read back by
    /// Get-PatternSchedule.
    /// </summary>
    public static class JobScript
    {
        private const string Marker = "# cdp:job ";

        public static string Render(LocalJobDefinition job)
        {
            if (job.Command.Split('\n').Any(l => l.TrimEnd('\r').StartsWith("'@", StringComparison.Ordinal)))
                throw new PatternException("ScheduleCommandInvalid", PatternErrorCategory.InvalidArgument,
                    "The command has a line starting with '@, which would end the job script's here-string; rewrite that line.");
            var declaration = JsonSerializer.Serialize(new Declaration { Name = job.Name, Pattern = job.Pattern, Schedule = job.Schedule, Command = job.Command });
            var text = new StringBuilder()
                .Append(Marker).Append(declaration).Append('\n')
                .Append("# Written by Register-PatternSchedule: change it with Unregister-/Register-PatternSchedule, not by hand.\n")
                .Append("$ErrorActionPreference = 'Stop'\n")
                .Append("$ProgressPreference = 'SilentlyContinue'\n")
                .Append("Import-Module '").Append(job.ModulePath.Replace("'", "''")).Append("'\n")
                .Append("$command = @'\n").Append(job.Command.Replace("\r\n", "\n").TrimEnd('\n')).Append("\n'@\n")
                .Append("exit (Invoke-PatternJob -Name '").Append(job.Name).Append("' -Command $command).ExitCode\n");
            return text.ToString();
        }

        /// <summary>The declaration recorded in a job script, or null when the file is not one of ours.</summary>
        public static LocalJobDefinition? Read(string path)
        {
            if (!File.Exists(path)) return null;
            var first = File.ReadLines(path).FirstOrDefault();
            if (first == null || !first.StartsWith(Marker, StringComparison.Ordinal)) return null;
            try
            {
                var d = JsonSerializer.Deserialize<Declaration>(first.Substring(Marker.Length));
                return d == null ? null : new LocalJobDefinition { Name = d.Name, Pattern = d.Pattern, Schedule = d.Schedule, Command = d.Command };
            }
            catch (JsonException) { return null; }
        }

        private sealed class Declaration
        {
            public string Name { get; set; } = "";
            public string Pattern { get; set; } = "";
            public string Schedule { get; set; } = "";
            public string Command { get; set; } = "";
        }
    }
}
