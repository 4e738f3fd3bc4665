using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>The base condition operators this evaluator understands, by name (names are case-sensitive in IAM).</summary>
    internal static class ConditionOperators
    {
        public const string Null = "Null";

        private static readonly Dictionary<string, ConditionOperator> ByName = Build().ToDictionary(o => o.Name, StringComparer.Ordinal);

        public static bool TryGet(string name, out ConditionOperator op) => ByName.TryGetValue(name, out op!);

        public static IEnumerable<string> Names => ByName.Keys.Concat(new[] { Null }).OrderBy(n => n, StringComparer.Ordinal);

        private static IEnumerable<ConditionOperator> Build()
        {
            Func<string, bool> anyString = _ => true;
            foreach (var op in Pair("StringEquals", "StringNotEquals", (r, p) => string.Equals(r, p, StringComparison.Ordinal), anyString, "a string")) yield return op;
            foreach (var op in Pair("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", (r, p) => string.Equals(r, p, StringComparison.OrdinalIgnoreCase), anyString, "a string")) yield return op;
            foreach (var op in Pair("StringLike", "StringNotLike", (r, p) => WildcardMatcher.IsMatch(p, r, ignoreCase: false), anyString, "a string")) yield return op;

            // IAM documents ArnEquals and ArnLike as the same component-wise, wildcard-aware comparison.
            foreach (var op in Pair("ArnEquals", "ArnNotEquals", (r, p) => ArnMatcher.IsMatch(p, r), anyString, "an ARN")) yield return op;
            foreach (var op in Pair("ArnLike", "ArnNotLike", (r, p) => ArnMatcher.IsMatch(p, r), anyString, "an ARN")) yield return op;

            foreach (var op in Pair("NumericEquals", "NumericNotEquals", Numeric((r, p) => r == p), IsNumber, "a number")) yield return op;
            yield return Positive("NumericLessThan", Numeric((r, p) => r < p), IsNumber, "a number");
            yield return Positive("NumericLessThanEquals", Numeric((r, p) => r <= p), IsNumber, "a number");
            yield return Positive("NumericGreaterThan", Numeric((r, p) => r > p), IsNumber, "a number");
            yield return Positive("NumericGreaterThanEquals", Numeric((r, p) => r >= p), IsNumber, "a number");

            foreach (var op in Pair("DateEquals", "DateNotEquals", Date((r, p) => r == p), IsDate, "an ISO 8601 date or epoch seconds")) yield return op;
            yield return Positive("DateLessThan", Date((r, p) => r < p), IsDate, "an ISO 8601 date or epoch seconds");
            yield return Positive("DateLessThanEquals", Date((r, p) => r <= p), IsDate, "an ISO 8601 date or epoch seconds");
            yield return Positive("DateGreaterThan", Date((r, p) => r > p), IsDate, "an ISO 8601 date or epoch seconds");
            yield return Positive("DateGreaterThanEquals", Date((r, p) => r >= p), IsDate, "an ISO 8601 date or epoch seconds");

            yield return Positive("Bool", (r, p) => string.Equals(r, p, StringComparison.OrdinalIgnoreCase), IsBool, "true or false");

            foreach (var op in Pair("IpAddress", "NotIpAddress", (r, p) => Cidr.Contains(p, r), Cidr.IsValid, "an IP address or CIDR block")) yield return op;
        }

        private static IEnumerable<ConditionOperator> Pair(string positive, string negated, Func<string, string, bool> matches, Func<string, bool> valid, string description)
        {
            yield return new ConditionOperator(positive, false, matches, valid, description);
            yield return new ConditionOperator(negated, true, matches, valid, description);
        }

        private static ConditionOperator Positive(string name, Func<string, string, bool> matches, Func<string, bool> valid, string description) =>
            new ConditionOperator(name, false, matches, valid, description);

        internal static bool IsBool(string value) =>
            string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

        private static bool IsNumber(string value) => TryNumber(value, out _);

        private static bool TryNumber(string value, out decimal number) =>
            decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

        // A request value that does not parse simply does not match, as in IAM.
        private static Func<string, string, bool> Numeric(Func<decimal, decimal, bool> compare) =>
            (r, p) => TryNumber(r, out var rn) && TryNumber(p, out var pn) && compare(rn, pn);

        private static bool IsDate(string value) => TryDate(value, out _);

        private static bool TryDate(string value, out DateTimeOffset date)
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds))
            {
                date = DateTimeOffset.FromUnixTimeSeconds(epochSeconds);
                return true;
            }
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
        }

        private static Func<string, string, bool> Date(Func<DateTimeOffset, DateTimeOffset, bool> compare) =>
            (r, p) => TryDate(r, out var rd) && TryDate(p, out var pd) && compare(rd, pd);

        /// <summary>IPv4/IPv6 CIDR containment for IpAddress/NotIpAddress.</summary>
        private static class Cidr
        {
            public static bool IsValid(string block) => TryParse(block, out _, out _);

            public static bool Contains(string block, string address)
            {
                if (!TryParse(block, out var network, out var prefix) || !IPAddress.TryParse(address, out var ip)) return false;
                var a = network.GetAddressBytes();
                var b = ip.GetAddressBytes();
                if (a.Length != b.Length) return false;
                for (var bit = 0; bit < prefix; bit++)
                {
                    var mask = 0x80 >> (bit % 8);
                    if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
                }
                return true;
            }

            private static bool TryParse(string block, out IPAddress network, out int prefix)
            {
                var parts = block.Split('/');
                network = IPAddress.None;
                prefix = 0;
                if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var parsed)) return false;
                network = parsed;
                var maxPrefix = parsed.GetAddressBytes().Length * 8;
                if (parts.Length == 1)
                {
                    prefix = maxPrefix;
                    return true;
                }
                return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= maxPrefix;
            }
        }
    }
}
