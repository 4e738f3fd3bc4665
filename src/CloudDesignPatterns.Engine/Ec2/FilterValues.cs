using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Ec2
{
    /// <summary>EC2 takes at most 200 values in one filter: a longer list is asked for in batches, each value once.</summary>
    internal static class FilterValues
    {
        public const int MaxPerFilter = 200;

        /// <summary>The distinct values (ordinal), in their first order, cut into filter-sized batches.</summary>
        public static List<List<string>> Batches(IEnumerable<string> values)
        {
            var batches = new List<List<string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                if (!seen.Add(value)) continue;
                if (batches.Count == 0 || batches[batches.Count - 1].Count == MaxPerFilter) batches.Add(new List<string>());
                batches[batches.Count - 1].Add(value);
            }
            return batches;
        }
    }
}
