using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>
    /// A positive length of time. Accepts a whole number with a unit — "7d", "12h", "30m", "45s", "2w" — or the
    /// .NET constant form "d.hh:mm:ss" ("1.02:00:00", "02:00:00"). A bare number is refused: "7" could mean days
    /// or hours, and guessing wrong would delete the wrong backups.
    /// </summary>
    public sealed class DurationType : SettingType
    {
        private static readonly Regex WithUnit = new Regex(@"^(?<n>[0-9]{1,6})\s*(?<unit>[wdhms])\z",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public override string Name => "TimeSpan";
        public override Type ClrType => typeof(TimeSpan);
        public override string ExpectedForm => "a positive duration such as 7d, 12h, 30m or d.hh:mm:ss (1.02:00:00)";

        public override bool TryParse(string raw, out object? value)
        {
            value = null;
            if (!TryParseDuration(raw, out var span) || span <= TimeSpan.Zero) return false;
            value = span;
            return true;
        }

        private static bool TryParseDuration(string raw, out TimeSpan span)
        {
            span = TimeSpan.Zero;
            var match = WithUnit.Match(raw);
            if (match.Success)
            {
                var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                switch (char.ToLowerInvariant(match.Groups["unit"].Value[0]))
                {
                    case 'w': span = TimeSpan.FromDays(7.0 * n); return true;
                    case 'd': span = TimeSpan.FromDays(n); return true;
                    case 'h': span = TimeSpan.FromHours(n); return true;
                    case 'm': span = TimeSpan.FromMinutes(n); return true;
                    default: span = TimeSpan.FromSeconds(n); return true;
                }
            }
            // Only the colon form goes to TimeSpan parsing; it would otherwise read "7" as seven days.
            return raw.IndexOf(':') >= 0 && TimeSpan.TryParseExact(raw, "c", CultureInfo.InvariantCulture, out span);
        }
    }
}
