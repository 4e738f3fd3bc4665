using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>Resolves a list of requested ids: malformed ids fail first, then every unknown id is named in one NotFound.</summary>
    internal static class Lookup
    {
        public static List<T> All<T>(IdKind kind, IDictionary<string, T> table, IEnumerable<string> ids)
        {
            var distinct = ids.Distinct().ToList();
            foreach (var id in distinct) kind.CheckFormat(id);
            var missing = distinct.Where(id => !table.ContainsKey(id)).ToList();
            if (missing.Count > 0) throw kind.NotFound(missing);
            return distinct.Select(id => table[id]).ToList();
        }

        /// <summary>
        /// The requested ids (checked now), or every item when none were named — not copied: a paginated describe reads
        /// them only for its first page, and copying 100,000 snapshots for each of 100 pages was most of its cost.
        /// </summary>
        public static IEnumerable<T> RequestedOrAll<T>(IdKind kind, IDictionary<string, T> table, IReadOnlyList<string> ids) =>
            ids.Count > 0 ? All(kind, table, ids) : table.Values;
    }
}
