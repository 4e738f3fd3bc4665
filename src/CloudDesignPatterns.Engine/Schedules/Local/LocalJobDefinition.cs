using System;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Local
{
    /// <summary>
    /// What a local job is: the part a user declares (name, pattern, command, schedule) and how it is run (backend,
    /// pwsh, module). Two registrations of one name are the same job when the declared part is equal.
    /// </summary>
    public sealed class LocalJobDefinition
    {
        private static readonly Regex NameRule = new Regex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant);

        public string Name { get; set; } = "";
        public string Pattern { get; set; } = "";
        public string Command { get; set; } = "";
        public string Schedule { get; set; } = "";
        public ScheduleBackend Backend { get; set; }
        public string PwshPath { get; set; } = "";
        public string ModulePath { get; set; } = "";
        /// <summary>Task Scheduler: the account the task runs as, logged on or not (SYSTEM by default).</summary>
        public string RunAs { get; set; } = "SYSTEM";

        public bool SameDeclaration(LocalJobDefinition other)
            => Name == other.Name && string.Equals(Pattern, other.Pattern, StringComparison.OrdinalIgnoreCase) &&
               Command.Trim() == other.Command.Trim() && Schedule == other.Schedule;

        /// <summary>Names become unit, cron-file and task names: lower-case letters, digits and dashes only.</summary>
        public static void ValidateName(string name)
        {
            if (!NameRule.IsMatch(name ?? ""))
                throw new PatternException("ScheduleNameInvalid", PatternErrorCategory.InvalidArgument,
                    $"The job name '{name}' is not usable: use 1-63 lower-case letters, digits and dashes, starting with a letter or digit (e.g. 'snapshot-nightly').");
        }
    }
}
