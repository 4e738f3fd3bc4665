using System;
using System.Collections;
using System.Globalization;
using System.Linq;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>
    /// The value type of a setting: how its text is parsed and validated, and how the expected form reads in an error.
    /// Settings arrive as text (tags and user data are strings), so parsing text is the one path every source shares.
    /// </summary>
    public abstract class SettingType
    {
        /// <summary>Short type name for documentation and tables, for example "int" or "string[]".</summary>
        public abstract string Name { get; }

        /// <summary>The CLR type of parsed values.</summary>
        public abstract Type ClrType { get; }

        /// <summary>Completes the sentence "expected …", for example "a whole number of 1 or more".</summary>
        public abstract string ExpectedForm { get; }

        /// <summary>Parses and validates <paramref name="raw"/> (already trimmed, never empty).</summary>
        public abstract bool TryParse(string raw, out object? value);

        /// <summary>The text form of a typed value (what <see cref="TryParse"/> accepts back), used for parameter
        /// values and defaults so every source goes through the same validation.</summary>
        public virtual string Format(object value) => FormatInvariant(value);

        public static string FormatInvariant(object value)
        {
            switch (value)
            {
                case string text: return text;
                case bool flag: return flag ? "true" : "false";
                case TimeSpan span: return span.ToString("c", CultureInfo.InvariantCulture);
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable items: return string.Join(",", items.Cast<object?>().Select(i => i == null ? string.Empty : FormatInvariant(i)));
                default: return value.ToString() ?? string.Empty;
            }
        }
    }
}
