using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>Region names the SDK knows, and the shape every region name has.</summary>
    public static class RegionCatalog
    {
        private static readonly Regex Shape = new Regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]+$", RegexOptions.Compiled);
        private static readonly Lazy<HashSet<string>> Known = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName), StringComparer.Ordinal));

        public static bool HasRegionShape(string name) => Shape.IsMatch(name ?? string.Empty);

        public static bool IsKnown(string name) => Known.Value.Contains(name);

        public static IEnumerable<string> KnownNames => Known.Value.OrderBy(n => n, StringComparer.Ordinal);
    }
}
