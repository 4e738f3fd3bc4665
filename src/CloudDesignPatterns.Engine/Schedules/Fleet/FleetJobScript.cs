using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Schedules.Fleet
{
    /// <summary>
    /// The commands AWS-RunPowerShellScript runs on every target instance: get the module (a path on the instance, or
    /// an s3:// zip fetched with the instance role and unpacked under the machine's module folder), import it, and exit
    /// with Invoke-PatternJob's exit code, which State Manager records per instance. The command sits in a literal
    /// here-string, as in the local job script. The first line records the declaration, read back by Get-PatternSchedule.
    /// </summary>
    public static class FleetJobScript
    {
        private const string Marker = "# cdp:job ";

        public static List<string> Render(FleetJobDefinition job)
        {
            if (job.Command.Split('\n').Any(l => l.TrimEnd('\r').StartsWith("'@", StringComparison.Ordinal)))
                throw new PatternException("ScheduleCommandInvalid", PatternErrorCategory.InvalidArgument,
                    "The command has a line starting with '@, which would end the job script's here-string; rewrite that line.");
            var declaration = JsonSerializer.Serialize(new Declaration
            {
                Name = job.Name, Pattern = job.Pattern, Schedule = job.Schedule, Command = job.Command.Trim(), ModuleSource = job.ModuleSource,
            });
            var lines = new List<string>
            {
                Marker + declaration,
                "# Written by Register-PatternSchedule -Scope Fleet: change it with Register-PatternSchedule -Force, not in the console.",
                "$ErrorActionPreference = 'Stop'",
                "$ProgressPreference = 'SilentlyContinue'",
            };
            lines.AddRange(ModuleImport(job.ModuleSource));
            lines.Add("$command = @'");
            lines.AddRange(job.Command.Replace("\r\n", "\n").Trim().Split('\n'));
            lines.Add("'@");
            lines.Add("exit (Invoke-PatternJob -Name '" + job.Name + "' -Command $command).ExitCode");
            return lines;
        }

        /// <summary>The declaration in the association's commands, or null when they are not ours.</summary>
        public static FleetJobDefinition? Read(IReadOnlyList<string> commands)
        {
            var first = commands.FirstOrDefault();
            if (first == null || !first.StartsWith(Marker, StringComparison.Ordinal)) return null;
            try
            {
                var d = JsonSerializer.Deserialize<Declaration>(first.Substring(Marker.Length));
                return d == null ? null : new FleetJobDefinition
                {
                    Name = d.Name, Pattern = d.Pattern, Schedule = d.Schedule, Command = d.Command, ModuleSource = d.ModuleSource,
                };
            }
            catch (JsonException) { return null; }
        }

        private static IEnumerable<string> ModuleImport(string source)
        {
            if (!source.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            {
                yield return "Import-Module '" + source + "'";
                yield break;
            }
            // The AWS CLI ships on the Amazon Linux and Windows AMIs and uses the instance role; the zip is fetched on
            // every run, so a new module version reaches the fleet by replacing one object.
            yield return "$cdpModules = if ($IsWindows -or $env:OS -eq 'Windows_NT') { Join-Path $env:ProgramFiles 'PowerShell\\Modules' } else { '/usr/local/share/powershell/Modules' }";
            yield return "$cdpZip = Join-Path ([IO.Path]::GetTempPath()) 'CloudDesignPatterns.zip'";
            yield return "aws s3 cp '" + source + "' $cdpZip --only-show-errors";
            yield return "if ($LASTEXITCODE -ne 0) { Write-Output ('{\"type\":\"summary\",\"status\":\"Failed\",\"exitCode\":1,\"errorId\":\"ModuleSourceUnavailable\",\"error\":\"aws s3 cp " + source + " failed\"}'); exit 1 }";
            yield return "Expand-Archive -Path $cdpZip -DestinationPath (Join-Path $cdpModules 'CloudDesignPatterns') -Force";
            yield return "Import-Module (Join-Path $cdpModules 'CloudDesignPatterns/CloudDesignPatterns.psd1')";
        }

        private sealed class Declaration
        {
            public string Name { get; set; } = "";
            public string Pattern { get; set; } = "";
            public string Schedule { get; set; } = "";
            public string Command { get; set; } = "";
            public string ModuleSource { get; set; } = "";
        }
    }
}
