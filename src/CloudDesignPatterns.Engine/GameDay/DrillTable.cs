using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>
    /// One hashtable of a declaration, read strictly: a key the schema does not know is refused with its name and the
    /// keys it does know, so a typo ("Rtp") never silently drops an expectation.
    /// </summary>
    internal sealed class DrillTable
    {
        private readonly Dictionary<string, object?> values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

        public DrillTable(object? source, string path, params string[] allowed)
        {
            Path = path;
            if (!(source is IDictionary table))
                throw Invalid("DrillInvalid", $"{path} must be a hashtable (@{{ ... }}).");
            foreach (DictionaryEntry entry in table)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw Invalid("DrillUnknownKey", $"{path} has an unknown key '{key}'; it takes {string.Join(", ", allowed)}.");
                values[key] = entry.Value;
            }
        }

        public string Path { get; }

        public bool Has(string key) => values.TryGetValue(key, out var v) && v != null;

        public object? Raw(string key) => values.TryGetValue(key, out var v) ? v : null;

        public string? Text(string key) => Has(key) ? Convert.ToString(values[key], CultureInfo.InvariantCulture) : null;

        public string RequiredText(string key, string why)
            => Text(key) is string text && text.Length > 0 ? text : throw Invalid("DrillMissingKey", $"{Path}.{key} is required {why}.");

        /// <summary>A value or an array of values, as a list (a single hashtable is a list of one).</summary>
        public IReadOnlyList<object?> List(string key)
        {
            var raw = Raw(key);
            if (raw == null) return Array.Empty<object?>();
            if (raw is string || raw is IDictionary) return new[] { raw };
            if (raw is IEnumerable many) return many.Cast<object?>().ToArray();
            return new[] { raw };
        }

        public TEnum Enum<TEnum>(string key, TEnum? fallback = null) where TEnum : struct
        {
            var text = Text(key);
            if (text == null)
                return fallback ?? throw Invalid("DrillMissingKey", $"{Path}.{key} is required: one of {string.Join(", ", System.Enum.GetNames(typeof(TEnum)))}.");
            if (System.Enum.TryParse<TEnum>(text, true, out var parsed) && System.Enum.IsDefined(typeof(TEnum), parsed) && !char.IsDigit(text[0]))
                return parsed;
            throw Invalid("DrillInvalidKind", $"{Path}.{key} = '{text}' is not one of {string.Join(", ", System.Enum.GetNames(typeof(TEnum)))}.");
        }

        public TimeSpan? Duration(string key) => Has(key) ? DrillDuration.Parse(Raw(key), $"{Path}.{key}") : (TimeSpan?)null;

        public double Number(string key, double fallback, double min, double max)
        {
            if (!Has(key)) return fallback;
            if (double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            throw Invalid("DrillInvalid", $"{Path}.{key} = '{Text(key)}' must be a number from {min} to {max}.");
        }

        public static PatternException Invalid(string errorId, string message)
            => new PatternException(errorId, PatternErrorCategory.InvalidArgument, message);
    }
}
