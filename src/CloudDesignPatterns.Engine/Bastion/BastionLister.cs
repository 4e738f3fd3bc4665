using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>Get-OnDemandBastion: every request (or the ones named) with its state and remaining time. Read-only.</summary>
    public static class BastionLister
    {
        public static async Task<List<BastionRequest>> ListAsync(Ec2Session ec2, IReadOnlyCollection<string> requestIds, CancellationToken cancel)
        {
            foreach (var id in requestIds) BastionRules.RequireRequestId(id);
            var now = DateTime.UtcNow;
            var groups = await BastionReader.ListGroupsAsync(ec2, cancel).ConfigureAwait(false);
            return groups.Where(g => requestIds.Count == 0 || requestIds.Contains(g.GroupId))
                         .Select(g => g.ToRequest(ec2.Region, now))
                         .OrderBy(r => r.RequestedAt).ToList();
        }
    }
}
