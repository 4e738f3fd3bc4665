using System;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Local;

namespace CloudDesignPatterns.Engine.Schedules.Fleet
{
    /// <summary>
    /// A fleet job: the declared part (name, pattern, command, schedule), which instances run it (a tag) and how
    /// (State Manager's MaxConcurrency and MaxErrors, where the module comes from). Two registrations of one name are
    /// the same job when every part is equal; anything else is another definition.
    /// </summary>
    public sealed class FleetJobDefinition
    {
        /// <summary>Associations we own are named cdp-&lt;job name&gt;, so Get-PatternSchedule leaves everyone else's alone.</summary>
        public const string AssociationPrefix = "cdp-";
        private static readonly Regex CountOrPercent = new Regex(@"^(\d+)(%?)$", RegexOptions.CultureInvariant);
        private static readonly Regex TagKeyRule = new Regex(@"^[^=\s][^=]{0,127}$", RegexOptions.CultureInvariant);

        public string Name { get; set; } = "";
        public string Pattern { get; set; } = "";
        public string Command { get; set; } = "";
        public string Schedule { get; set; } = "";
        /// <summary>"key=value" (instances with that tag value) or "key" (instances with the tag, any value).</summary>
        public string TargetTag { get; set; } = "";
        public string MaxConcurrency { get; set; } = "10%";
        public string MaxErrors { get; set; } = "10%";
        /// <summary>A module manifest or folder path on the instances, or s3://bucket/key.zip of the module folder.</summary>
        public string ModuleSource { get; set; } = "";

        public string AssociationName => AssociationPrefix + Name;

        /// <summary>A cron job runs at its times only (ApplyOnlyAtCronInterval); State Manager takes the flag for cron only.</summary>
        public bool RunsOnlyAtCronTimes => Schedule.TrimStart().StartsWith("cron(", StringComparison.Ordinal);

        /// <summary>The association's ApplyOnlyAtCronInterval as read back (not part of the declared definition).</summary>
        public bool AppliesOnlyAtCronInterval { get; set; }

        public string TagKey => TargetTag.Contains("=") ? TargetTag.Substring(0, TargetTag.IndexOf('=')) : TargetTag;
        public string? TagValue => TargetTag.Contains("=") ? TargetTag.Substring(TargetTag.IndexOf('=') + 1) : null;

        public bool IsS3Source => ModuleSource.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

        public bool SameDefinition(FleetJobDefinition other)
            => Name == other.Name && string.Equals(Pattern, other.Pattern, StringComparison.OrdinalIgnoreCase) &&
               Command.Trim() == other.Command.Trim() && Schedule == other.Schedule && TargetTag == other.TargetTag &&
               MaxConcurrency == other.MaxConcurrency && MaxErrors == other.MaxErrors && ModuleSource == other.ModuleSource;

        /// <summary>What differs from <paramref name="other"/>, for the error that refuses a changed definition.</summary>
        public string Differences(FleetJobDefinition other)
        {
            var parts = new System.Collections.Generic.List<string>();
            void Compare(string what, string mine, string theirs) { if (mine != theirs) parts.Add($"{what} '{theirs}' → '{mine}'"); }
            Compare("pattern", Pattern, other.Pattern);
            Compare("command", Command.Trim(), other.Command.Trim());
            Compare("schedule", Schedule, other.Schedule);
            Compare("target tag", TargetTag, other.TargetTag);
            Compare("MaxConcurrency", MaxConcurrency, other.MaxConcurrency);
            Compare("MaxErrors", MaxErrors, other.MaxErrors);
            Compare("module source", ModuleSource, other.ModuleSource);
            return string.Join("; ", parts);
        }

        /// <summary>Every check that needs no AWS call: name, tag, limits and module source.</summary>
        public void Validate()
        {
            LocalJobDefinition.ValidateName(Name);
            if (!TagKeyRule.IsMatch(TagKey) || (TagValue != null && TagValue.Length > 256))
                throw Invalid("TargetTagInvalid",
                    $"-TargetTag '{TargetTag}' is not a tag: give key=value (e.g. cdp:snapshot:policy=nightly) or a key alone (e.g. cdp:snapshot:policy).");
            CheckLimit("MaxConcurrency", MaxConcurrency, allowZero: false);
            CheckLimit("MaxErrors", MaxErrors, allowZero: true);
            if (string.IsNullOrWhiteSpace(ModuleSource))
                throw Invalid("ModuleSourceMissing",
                    "-ModuleSource is required for a fleet schedule: the module's path on the instances, or s3://bucket/key.zip of the module folder.");
            if (IsS3Source && !Regex.IsMatch(ModuleSource, @"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]/.+\.zip$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                throw Invalid("ModuleSourceInvalid", $"-ModuleSource '{ModuleSource}' is not an S3 location of a zip: write s3://bucket/path/CloudDesignPatterns.zip.");
            if (ModuleSource.IndexOf('\'') >= 0 || ModuleSource.IndexOf('\n') >= 0)
                throw Invalid("ModuleSourceInvalid", $"-ModuleSource '{ModuleSource}' has a quote or a line break; give a plain path or s3:// location.");
        }

        private static void CheckLimit(string name, string value, bool allowZero)
        {
            var match = CountOrPercent.Match(value ?? "");
            var ok = match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                     && (allowZero || n > 0) && (match.Groups[2].Value != "%" || n <= 100);
            if (!ok)
                throw Invalid(name + "Invalid", $"-{name} '{value}' is not a count or a percentage as State Manager takes it (e.g. 10 or 10%{(allowZero ? ", 0 for none" : "")}).");
        }

        private static PatternException Invalid(string id, string message) => new PatternException(id, PatternErrorCategory.InvalidArgument, message);
    }
}
