using System;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>
    /// A Cloud DI key: <c>cdp:&lt;pattern&gt;:&lt;setting&gt;</c>, with a lowercase pattern and a kebab-case setting.
    /// Keys use only the characters that instance-metadata tags allow, so the same key works as an EC2 tag, as an
    /// instance-metadata tag (read with -Self) and in user data.
    /// </summary>
    public sealed class SettingKey : IEquatable<SettingKey>
    {
        public const string Prefix = "cdp";

        /// <summary>Tag keys are at most 128 characters.</summary>
        public const int MaxLength = 128;

        // Pattern and setting names are both lowercase words joined by single dashes.
        private static readonly Regex KebabName = new Regex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant);

        private SettingKey(string pattern, string setting)
        {
            Pattern = pattern;
            Setting = setting;
        }

        /// <summary>Lowercase pattern name, for example "snapshot".</summary>
        public string Pattern { get; }

        /// <summary>kebab-case setting name, for example "keep-generations".</summary>
        public string Setting { get; }

        /// <summary>The parameter the setting feeds, for example "KeepGenerations".</summary>
        public string ParameterName => SettingName.ToPascalCase(Setting);

        /// <summary>Builds a key from a pattern (any case) and a setting (kebab-case or a PascalCase parameter name).</summary>
        public static SettingKey Create(string pattern, string setting)
        {
            if (!TryCreate(pattern, setting, out var key, out var problem)) throw new FormatException(problem);
            return key!;
        }

        /// <summary>The canonical (lowercase) form of a pattern name; <see cref="FormatException"/> when it cannot be one.</summary>
        public static string NormalisePatternName(string pattern)
        {
            var normalised = (pattern ?? string.Empty).Trim().ToLowerInvariant();
            if (!KebabName.IsMatch(normalised))
                throw new FormatException($"'{pattern}' is not a valid pattern name (expected lowercase letters, digits and single dashes).");
            return normalised;
        }

        /// <summary>The canonical text of a key, for example "cdp:snapshot:keep-generations".</summary>
        public static string Format(string pattern, string setting) => Create(pattern, setting).ToString();

        /// <summary>Parses "cdp:pattern:setting". The prefix and pattern are case-insensitive; a setting written as a
        /// parameter name (KeepGenerations) is accepted and normalised to kebab-case.</summary>
        public static SettingKey Parse(string text)
        {
            if (!TryParse(text, out var key, out var problem)) throw new FormatException(problem);
            return key!;
        }

        public static bool TryParse(string? text, out SettingKey? key) => TryParse(text, out key, out _);

        public static bool TryParse(string? text, out SettingKey? key, out string problem)
        {
            key = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "A setting key cannot be empty.";
                return false;
            }
            var trimmed = text!.Trim();
            var parts = trimmed.Split(':');
            if (parts.Length != 3 || !string.Equals(parts[0], Prefix, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"'{trimmed}' is not a setting key (expected cdp:<pattern>:<setting>, for example cdp:snapshot:keep-generations).";
                return false;
            }
            return TryCreate(parts[1], parts[2], out key, out problem);
        }

        /// <summary>True when every character is one that instance-metadata tag keys allow: [0-9a-zA-Z-_+=,.@:].</summary>
        public static bool HasOnlyTagCharacters(string text)
        {
            foreach (var c in text)
            {
                var allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '-' || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == ':';
                if (!allowed) return false;
            }
            return true;
        }

        private static bool TryCreate(string? pattern, string? setting, out SettingKey? key, out string problem)
        {
            key = null;
            var normalisedPattern = (pattern ?? string.Empty).Trim().ToLowerInvariant();
            var normalisedSetting = SettingName.ToKebabCase((setting ?? string.Empty).Trim());
            var text = $"{Prefix}:{normalisedPattern}:{normalisedSetting}";
            if (!KebabName.IsMatch(normalisedPattern))
            {
                problem = $"'{pattern}' is not a valid pattern name in a setting key (expected lowercase letters, digits and single dashes).";
                return false;
            }
            if (!KebabName.IsMatch(normalisedSetting))
            {
                problem = $"'{setting}' is not a valid setting name (expected kebab-case such as keep-generations).";
                return false;
            }
            if (!HasOnlyTagCharacters(text) || text.Length > MaxLength)
            {
                problem = $"'{text}' cannot be a tag key (at most {MaxLength} characters from [0-9a-zA-Z-_+=,.@:]).";
                return false;
            }
            key = new SettingKey(normalisedPattern, normalisedSetting);
            problem = string.Empty;
            return true;
        }

        public override string ToString() => $"{Prefix}:{Pattern}:{Setting}";

        public bool Equals(SettingKey? other) => other != null && other.Pattern == Pattern && other.Setting == Setting;
        public override bool Equals(object? obj) => Equals(obj as SettingKey);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
    }
}
