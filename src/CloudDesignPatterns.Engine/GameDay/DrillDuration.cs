using System;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>
    /// A drill's lengths of time: a number with a unit (250ms, 1.5s, 30s, 2m, 1h, 1d) or a TimeSpan. A bare number is
    /// refused: an RTO of "30" could be seconds or minutes, and a drill that passes on the wrong unit proves nothing.
    /// </summary>
    public static class DrillDuration
    {
        private static readonly Regex Form = new Regex(@"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|s|m|h|d)\z",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public const string ExpectedForm = "a number with a unit: 250ms, 30s, 2m, 1h or 1d";

        /// <summary>Reads a value of the declaration; <paramref name="key"/> names it in the error.</summary>
        public static TimeSpan Parse(object? value, string key)
        {
            if (value is TimeSpan span && span > TimeSpan.Zero) return span;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            var match = Form.Match(text);
            if (!match.Success)
                throw new PatternException("DrillDurationWithoutUnit", PatternErrorCategory.InvalidArgument,
                    $"{key} = '{text}' is not a duration: expected {ExpectedForm}.");
            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var parsed = match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            if (parsed <= TimeSpan.Zero)
                throw new PatternException("DrillDurationWithoutUnit", PatternErrorCategory.InvalidArgument, $"{key} = '{text}' must be longer than zero.");
            return parsed;
        }
    }
}
