using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>Sets named by id (-SetId), and the error each id that names nothing in the region is reported with.</summary>
    public static class SnapshotSetLookup
    {
        public static async Task<(IReadOnlyList<SnapshotSet> Found, IReadOnlyList<(string SetId, PatternException Error)> Missing)> FindAsync(
            Ec2Session ec2, IReadOnlyList<string> setIds, CancellationToken cancel)
        {
            var found = await SnapshotSetReader.ListAsync(ec2, new SnapshotQuery { SetIds = setIds }, cancel).ConfigureAwait(false);
            var missing = setIds.Where(id => found.All(s => s.SetId != id)).Distinct().Select(id => (id, NotFound(id, ec2.Region))).ToList();
            return (found, missing);
        }

        /// <summary>One wording for every cmdlet that is given a set id nothing carries.</summary>
        public static PatternException NotFound(string setId, string region)
            => new PatternException("SnapshotSetNotFound", PatternErrorCategory.ObjectNotFound,
                $"No snapshot or image in {region} carries the set id {setId}; give -Region for a set in another region.");
    }
}
