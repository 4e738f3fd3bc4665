using System;
using System.Runtime.CompilerServices;
using System.Globalization;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// The one timestamp form EC2 writes ("2026-11-27T01:02:03.456Z", UTC, 0–7 fraction digits), read straight from
    /// UTF-8 bytes. Anything else answers false, and the caller falls back to <see cref="ParseUtc"/>.
    /// </summary>
    internal static class Iso8601
    {
        /// <summary>Any ISO 8601 form, as UTC (a time without a zone is taken as UTC).</summary>
        public static DateTime ParseUtc(string text)
            => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        [MethodImpl(HotLoop.Optimized)]
        public static bool TryParseUtc(byte[] data, int start, int length, out DateTime value)
        {
            value = default;
            var end = start + length;
            if (length < 20 || data[end - 1] != 'Z' || data[start + 4] != '-' || data[start + 7] != '-' || data[start + 10] != 'T'
                || data[start + 13] != ':' || data[start + 16] != ':') return false;
            if (!AsciiDigits.TryParse(data, start, 4, out var year) || !AsciiDigits.TryParse(data, start + 5, 2, out var month) || !AsciiDigits.TryParse(data, start + 8, 2, out var day)
                || !AsciiDigits.TryParse(data, start + 11, 2, out var hour) || !AsciiDigits.TryParse(data, start + 14, 2, out var minute) || !AsciiDigits.TryParse(data, start + 17, 2, out var second))
                return false;
            long ticks = 0;
            var fractionEnd = end - 1;
            if (fractionEnd > start + 19)
            {
                var digits = fractionEnd - start - 20;
                if (data[start + 19] != '.' || digits < 1 || digits > 7 || !AsciiDigits.TryParse(data, start + 20, digits, out var fraction)) return false;
                ticks = fraction;
                for (var d = digits; d < 7; d++) ticks *= 10; // to 100-nanosecond ticks
            }
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
                return false;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
            return true;
        }
    }
}
