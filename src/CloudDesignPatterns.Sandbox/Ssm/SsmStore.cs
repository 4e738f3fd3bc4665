using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>Every association of the sandbox, all regions; thread-safe.</summary>
    internal sealed class SsmStore
    {
        private readonly object _lock = new object();
        private readonly Dictionary<string, SsmAssociation> _associations = new Dictionary<string, SsmAssociation>(StringComparer.Ordinal);

        public T With<T>(Func<Dictionary<string, SsmAssociation>, T> work)
        {
            lock (_lock) return work(_associations);
        }

        public SsmAssociation? Find(string id) => With(all => all.TryGetValue(id ?? "", out var a) ? a : null);

        public IReadOnlyList<SsmAssociation> InRegion(string region)
            => With(all => all.Values.Where(a => a.Region == region).OrderBy(a => a.CreatedAt).ToList());
    }
}
