using System;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>DNS names as Route 53 compares them: lower case, with the trailing dot.</summary>
    public static class DnsName
    {
        public static string Normalize(string name)
        {
            var trimmed = (name ?? "").Trim().ToLowerInvariant();
            return trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }

        /// <summary>True when <paramref name="name"/> is the zone's apex or below it (both normalised).</summary>
        public static bool IsInZone(string name, string zone) =>
            name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

        /// <summary>Labels of 1 to 63 letters, digits, '-', '_' (and a leading '*' label), 255 characters in all.</summary>
        public static bool IsValid(string normalized)
        {
            if (normalized.Length < 2 || normalized.Length > 255) return false;
            var labels = normalized.TrimEnd('.').Split('.');
            for (var i = 0; i < labels.Length; i++)
            {
                var label = labels[i];
                if (label.Length == 0 || label.Length > 63) return false;
                if (i == 0 && label == "*") continue;
                foreach (var c in label)
                    if (!(char.IsLetterOrDigit(c) && c < 128) && c != '-' && c != '_') return false;
            }
            return true;
        }
    }
}
