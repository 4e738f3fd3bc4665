using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>One request to remove: its group and the bastion instances launched for it (none before a start).</summary>
    public sealed class BastionStopItem
    {
        internal BastionStopItem(string requestId, bool groupExists, IReadOnlyList<string> instanceIds, string reason)
        {
            RequestId = requestId; GroupExists = groupExists; InstanceIds = instanceIds; Reason = reason;
        }

        public string RequestId { get; }
        /// <summary>False for an orphan instance whose group is already gone.</summary>
        public bool GroupExists { get; }
        public IReadOnlyList<string> InstanceIds { get; }
        /// <summary>"requested" (by id) or "expired" (the sweep).</summary>
        public string Reason { get; }

        public string Describe() =>
            (InstanceIds.Count > 0 ? $"Terminate bastion {string.Join(", ", InstanceIds)}, then d" : "D") +
            (GroupExists ? $"elete security group {RequestId}" : $"elete nothing else (group {RequestId} is gone)");
    }

    /// <summary>
    /// Stop-OnDemandBastion: terminate the bastion, wait until it is gone, then delete its group (retrying while EC2
    /// still answers DependencyViolation). The sweep lists only groups and instances that carry both the managed-by tag
    /// and a cdp:bastion:* key, so it cannot touch anything else; the operator role's conditions say the same to IAM.
    /// </summary>
    public static class BastionStopper
    {
        public static async Task<BastionStopItem> PlanAsync(Ec2Session ec2, string requestId, CancellationToken cancel)
        {
            BastionRules.RequireRequestId(requestId);
            await BastionReader.ReadGroupAsync(ec2, requestId, cancel).ConfigureAwait(false);
            var instances = await BastionReader.ListInstancesAsync(ec2, requestId, cancel).ConfigureAwait(false);
            return new BastionStopItem(requestId, true, instances.Select(i => i.InstanceId).ToList(), "requested");
        }

        /// <summary>Every expired request and every expired bastion instance (an orphan too), as of now.</summary>
        public static async Task<List<BastionStopItem>> PlanExpiredAsync(Ec2Session ec2, CancellationToken cancel)
        {
            var now = DateTime.UtcNow;
            var groups = await BastionReader.ListGroupsAsync(ec2, cancel).ConfigureAwait(false);
            var instances = await BastionReader.ListInstancesAsync(ec2, null, cancel).ConfigureAwait(false);
            var items = new List<BastionStopItem>();
            foreach (var group in groups.Where(g => g.ToRequest(ec2.Region, now).State == BastionState.Expired))
                items.Add(new BastionStopItem(group.GroupId, true,
                    instances.Where(i => i.RequestId == group.GroupId).Select(i => i.InstanceId).ToList(), "expired"));
            var known = new HashSet<string>(groups.Select(g => g.GroupId));
            foreach (var orphans in instances.Where(i => i.RequestId != null && !known.Contains(i.RequestId) && (i.ExpiresAt ?? DateTime.MinValue) <= now)
                                             .GroupBy(i => i.RequestId!))
                items.Add(new BastionStopItem(orphans.Key, false, orphans.Select(i => i.InstanceId).ToList(), "expired"));
            return items;
        }

        public static async Task<BastionRemoval> ExecuteAsync(Ec2Session ec2, BastionStopItem item, TimeSpan timeout, CancellationToken cancel)
        {
            var result = new BastionRemoval { RequestId = item.RequestId, Region = ec2.Region, Reason = item.Reason, InstanceId = item.InstanceIds.FirstOrDefault() };
            if (item.InstanceIds.Count > 0)
            {
                await ec2.CallAsync("TerminateInstances", string.Join(",", item.InstanceIds), true, (c, ct) => c.TerminateInstancesAsync(
                    new TerminateInstancesRequest { InstanceIds = item.InstanceIds.ToList() }, ct), cancel).ConfigureAwait(false);
                await Poller.UntilAsync(ct => BastionReader.ReadInstancesAsync(ec2, item.InstanceIds.ToList(), ct),
                    read => read.All(i => i.IsGone), timeout,
                    read => new PatternException("BastionTerminationTimedOut", PatternErrorCategory.OperationTimeout,
                        $"{item.RequestId}: {string.Join(", ", read.Where(i => !i.IsGone).Select(i => $"{i.InstanceId} is {i.State}"))} after {timeout.TotalSeconds:0} s; run Stop-OnDemandBastion again."),
                    cancel).ConfigureAwait(false);
            }
            result.InstanceTerminated = true;
            if (item.GroupExists) await DeleteGroupAsync(ec2, item.RequestId, timeout, cancel).ConfigureAwait(false);
            result.GroupDeleted = true;
            return result;
        }

        /// <summary>EC2 keeps a group "in use" for a while after its instance terminated: retry DependencyViolation until the deadline.</summary>
        private static async Task DeleteGroupAsync(Ec2Session ec2, string groupId, TimeSpan timeout, CancellationToken cancel)
        {
            var deleted = await Poller.LastReadAsync<(bool Done, PatternException? Error)>(async ct =>
            {
                try
                {
                    await ec2.CallAsync("DeleteSecurityGroup", groupId, true,
                        (c, t) => c.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId }, t), ct).ConfigureAwait(false);
                    return (true, null);
                }
                catch (PatternException e) when (e.AwsErrorCode == "InvalidGroup.NotFound") { return (true, null); }
                catch (PatternException e) when (e.AwsErrorCode == "DependencyViolation" || e.AwsErrorCode == "InvalidGroup.InUse")
                {
                    ec2.Log.Verbose($"{groupId} is still in use ({e.AwsErrorCode}); trying again.");
                    return (false, e);
                }
            }, r => r.Done, timeout, cancel).ConfigureAwait(false);
            if (!deleted.Done)
                throw new PatternException("BastionGroupInUse", PatternErrorCategory.ResourceUnavailable,
                    $"{groupId} was still in use after {timeout.TotalSeconds:0} s ({deleted.Error?.AwsErrorCode}); run Stop-OnDemandBastion again.",
                    deleted.Error?.AwsErrorCode, inner: deleted.Error);

            // Verified: the group is gone.
            try
            {
                await BastionReader.ReadGroupAsync(ec2, groupId, cancel).ConfigureAwait(false);
                throw new PatternException("BastionGroupNotDeleted", PatternErrorCategory.InvalidData, $"{groupId} was deleted, but it can still be read back.");
            }
            catch (PatternException e) when (e.ErrorId == "BastionRequestNotFound") { }
        }
    }
}
