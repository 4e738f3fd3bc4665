using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>"Did you mean …?" for misspelt setting and pattern names.</summary>
    internal static class NameSuggestion
    {
        public static string? Closest(string name, IEnumerable<string> known)
        {
            var best = known.Select(k => (Name: k, Distance: Distance(name, k)))
                            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                            .FirstOrDefault();
            return best.Name != null && best.Distance <= Math.Max(2, name.Length / 4) ? best.Name : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
