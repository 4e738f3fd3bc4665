using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Schedules.Expressions
{
    /// <summary>
    /// Parses AWS schedule expressions (State Manager's dialect). Supported: <c>rate(1 minute)</c>, <c>rate(N minutes|hours|days)</c>,
    /// and cron fields with <c>*</c>, <c>?</c>, lists, ranges, steps and month/day names. <c>L</c>, <c>W</c> and <c>#</c>
    /// are refused: no local scheduler can express them.
    /// </summary>
    public static class ScheduleExpressionParser
    {
        private static readonly Regex Rate = new Regex(@"^rate\(\s*(\d+)\s+([a-z]+)\s*\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Cron = new Regex(@"^cron\((.*)\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
        private static readonly string[] DayNames = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

        public static ScheduleExpression Parse(string? text)
        {
            var trimmed = (text ?? "").Trim();
            var rate = Rate.Match(trimmed);
            if (rate.Success) return ParseRate(trimmed, rate);
            var cron = Cron.Match(trimmed);
            if (cron.Success) return ParseCron(trimmed, cron.Groups[1].Value);
            throw Invalid(trimmed, "write cron(Minutes Hours Day-of-month Month Day-of-week Year) or rate(N minutes|hours|days), e.g. cron(30 2 * * ? *) or rate(12 hours)");
        }

        private static RateExpression ParseRate(string text, Match match)
        {
            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                throw Invalid(text, "the rate must be a whole number of at least 1");
            var unitText = match.Groups[2].Value.ToLowerInvariant();
            RateUnit unit;
            switch (unitText.TrimEnd('s'))
            {
                case "minute": unit = RateUnit.Minutes; break;
                case "hour": unit = RateUnit.Hours; break;
                case "day": unit = RateUnit.Days; break;
                default: throw Invalid(text, $"'{unitText}' is not a unit: use minutes, hours or days");
            }
            // AWS: the singular for 1, the plural above ("rate(1 hour)", "rate(2 hours)").
            var plural = unitText.EndsWith("s", StringComparison.Ordinal);
            if (value == 1 && plural) throw Invalid(text, $"AWS wants the singular for 1: rate(1 {unitText.TrimEnd('s')})");
            if (value > 1 && !plural) throw Invalid(text, $"AWS wants the plural above 1: rate({value} {unitText}s)");
            return new RateExpression($"rate({value} {unitText})", value, unit);
        }

        private static CronExpression ParseCron(string text, string body)
        {
            var parts = body.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 6)
                throw Invalid(text, $"an AWS cron expression has 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), this one has {parts.Length}");
            var dayOfMonthAny = parts[2] == "?";
            var dayOfWeekAny = parts[4] == "?";
            if (dayOfMonthAny == dayOfWeekAny)
                throw Invalid(text, "exactly one of Day-of-month and Day-of-week must be '?', e.g. cron(0 2 * * ? *) or cron(0 2 ? * MON-FRI *)");
            return new CronExpression($"cron({string.Join(" ", parts)})",
                Field(text, "Minutes", parts[0], 0, 59, null),
                Field(text, "Hours", parts[1], 0, 23, null),
                Field(text, "Day-of-month", parts[2], 1, 31, null),
                Field(text, "Month", parts[3], 1, 12, MonthNames),
                Field(text, "Day-of-week", parts[4], 1, 7, DayNames),
                Field(text, "Year", parts[5], 1970, 2199, null));
        }

        private static CronField Field(string text, string name, string field, int min, int max, string[]? names)
        {
            if (field == "*" || field == "?") return new CronField(Enumerable.Range(min, max - min + 1).ToList(), isEvery: true);
            if (field.IndexOfAny(new[] { 'L', 'W', '#' }) >= 0 && !(names != null && ContainsName(field, names)))
                throw Invalid(text, $"{name} '{field}': L, W and # are not supported (no local scheduler can express them)");
            var values = new SortedSet<int>();
            foreach (var item in field.Split(','))
            {
                var step = 1;
                var range = item;
                var slash = item.IndexOf('/');
                if (slash >= 0)
                {
                    if (!int.TryParse(item.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                        throw Invalid(text, $"{name} '{item}': the step after '/' must be a whole number of at least 1");
                    range = item.Substring(0, slash);
                }
                int from, to;
                if (range == "*") { from = min; to = max; }
                else if (range.Contains("-"))
                {
                    var ends = range.Split('-');
                    if (ends.Length != 2) throw Invalid(text, $"{name} '{item}' is not a range");
                    from = Value(text, name, ends[0], min, max, names);
                    to = Value(text, name, ends[1], min, max, names);
                    if (to < from) throw Invalid(text, $"{name} '{item}': the range runs backwards");
                }
                else
                {
                    from = Value(text, name, range, min, max, names);
                    to = slash >= 0 ? max : from; // "5/15": from 5, every 15
                }
                for (var v = from; v <= to; v += step) values.Add(v);
            }
            return new CronField(values.ToList(), isEvery: false);
        }

        private static bool ContainsName(string field, string[] names)
            => names.Any(n => field.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0) &&
               field.ToUpperInvariant().Split(',', '-', '/').All(p => names.Contains(p) || p.All(char.IsDigit) || p == "*");

        private static int Value(string text, string name, string token, int min, int max, string[]? names)
        {
            if (names != null)
            {
                var index = Array.IndexOf(names, token.ToUpperInvariant());
                if (index >= 0) return index + min;
            }
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw Invalid(text, $"{name} '{token}' is not a number{(names != null ? " or a name (" + string.Join(",", names) + ")" : "")}");
            if (value < min || value > max) throw Invalid(text, $"{name} {value} is outside {min}-{max}");
            return value;
        }

        private static PatternException Invalid(string text, string why)
            => new PatternException("ScheduleExpressionInvalid", PatternErrorCategory.InvalidArgument,
                $"The schedule '{text}' does not parse: {why}.");
    }
}
