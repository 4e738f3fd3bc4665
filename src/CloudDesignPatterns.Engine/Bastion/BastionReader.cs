using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>A request's security group as read from EC2: its tags and its ingress rules.</summary>
    internal sealed class BastionGroup
    {
        public BastionGroup(SecurityGroup group)
        {
            GroupId = group.GroupId;
            VpcId = group.VpcId ?? "";
            Tags = (group.Tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal);
            Ingress = group.IpPermissions ?? new List<IpPermission>();
        }

        public string GroupId { get; }
        public string VpcId { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        public List<IpPermission> Ingress { get; }
        public bool IsBastion => BastionTags.IsBastion(Tags, BastionTags.State);

        /// <summary>The request the tags describe, with its state as of <paramref name="now"/>.</summary>
        public BastionRequest ToRequest(string region, DateTime now)
        {
            string? Tag(string key) => Tags.TryGetValue(key, out var v) ? v : null;
            var expires = BastionTags.ParseTime(Tag(BastionTags.ExpiresAt)) ?? DateTime.MinValue;
            var state = (Tag(BastionTags.State)) switch
            {
                BastionTags.StateApproved => BastionState.Approved,
                BastionTags.StateActive => BastionState.Active,
                _ => BastionState.Requested,
            };
            if (now >= expires) state = BastionState.Expired;
            return new BastionRequest
            {
                RequestId = GroupId, Region = region, VpcId = VpcId, State = state,
                Requester = Tag(BastionTags.Requester) ?? "", Approver = Tag(BastionTags.Approver),
                SourceCidr = Tag(BastionTags.Source) ?? "",
                Port = int.TryParse(Tag(BastionTags.Port), out var port) ? port : 0,
                Duration = BastionTags.ParseSeconds(Tag(BastionTags.Duration)) ?? TimeSpan.Zero,
                Reason = Tag(BastionTags.Reason) ?? "",
                RequestedAt = BastionTags.ParseTime(Tag(BastionTags.RequestedAt)) ?? DateTime.MinValue,
                ApprovedAt = BastionTags.ParseTime(Tag(BastionTags.ApprovedAt)),
                ExpiresAt = expires,
                Remaining = expires > now ? expires - now : TimeSpan.Zero,
                InstanceId = Tag(BastionTags.InstanceId),
            };
        }
    }

    /// <summary>A bastion instance: its id, state and tags.</summary>
    internal sealed class BastionInstance
    {
        public BastionInstance(Instance instance)
        {
            Instance = instance;
            Tags = (instance.Tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal);
        }

        public Instance Instance { get; }
        public string InstanceId => Instance.InstanceId;
        public string State => Instance.State?.Name?.Value ?? "";
        public IReadOnlyDictionary<string, string> Tags { get; }
        public bool IsBastion => BastionTags.IsBastion(Tags, BastionTags.RequestId);
        public string? RequestId => Tags.TryGetValue(BastionTags.RequestId, out var v) ? v : null;
        public DateTime? ExpiresAt => BastionTags.ParseTime(Tags.TryGetValue(BastionTags.ExpiresAt, out var v) ? v : null);
        public bool IsGone => State == "terminated";
    }

    /// <summary>Reads bastion requests (security groups) and bastion instances; only ever things carrying both marks.</summary>
    internal static class BastionReader
    {
        private static readonly List<Filter> GroupFilters = new List<Filter>
        {
            new Filter("tag:" + ManagedTags.ManagedByKey, new List<string> { ManagedTags.ManagedByValue }),
            new Filter("tag-key", new List<string> { BastionTags.State }),
        };

        public static async Task<BastionGroup> ReadGroupAsync(Ec2Session ec2, string requestId, CancellationToken cancel)
        {
            List<SecurityGroup> groups;
            try
            {
                var answer = await ec2.CallAsync("DescribeSecurityGroups", requestId, true,
                    (c, ct) => c.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = new List<string> { requestId } }, ct),
                    cancel).ConfigureAwait(false);
                groups = answer.SecurityGroups ?? new List<SecurityGroup>();
            }
            catch (PatternException e) when (e.AwsErrorCode == "InvalidGroup.NotFound")
            {
                throw new PatternException("BastionRequestNotFound", PatternErrorCategory.ObjectNotFound,
                    $"There is no bastion request {requestId} in {ec2.Region} (InvalidGroup.NotFound).", e.AwsErrorCode, inner: e);
            }
            var group = groups.Count == 1 ? new BastionGroup(groups[0]) : throw new PatternException("BastionRequestNotFound", PatternErrorCategory.ObjectNotFound,
                $"There is no bastion request {requestId} in {ec2.Region}.");
            if (!group.IsBastion)
                throw new PatternException("NotABastionRequest", PatternErrorCategory.InvalidArgument,
                    $"{requestId} is not an on-demand bastion request (it lacks the {ManagedTags.ManagedByKey} and {BastionTags.State} tags); it is left alone.");
            return group;
        }

        /// <summary>Only groups carrying both the managed-by tag and a bastion state: nothing else is ever listed.</summary>
        public static async Task<List<BastionGroup>> ListGroupsAsync(Ec2Session ec2, CancellationToken cancel)
        {
            var groups = await ec2.CallPagesAsync("DescribeSecurityGroups", "bastion requests",
                (c, next, ct) => c.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = GroupFilters, NextToken = next, MaxResults = 1000 }, ct),
                page => page.SecurityGroups, page => page.NextToken, cancel).ConfigureAwait(false);
            return groups.Select(g => new BastionGroup(g)).Where(g => g.IsBastion).ToList();
        }

        /// <summary>Bastion instances not yet terminated, optionally of one request.</summary>
        public static async Task<List<BastionInstance>> ListInstancesAsync(Ec2Session ec2, string? requestId, CancellationToken cancel)
        {
            var filters = new List<Filter>
            {
                new Filter("tag:" + ManagedTags.ManagedByKey, new List<string> { ManagedTags.ManagedByValue }),
                requestId == null ? new Filter("tag-key", new List<string> { BastionTags.RequestId })
                                  : new Filter("tag:" + BastionTags.RequestId, new List<string> { requestId }),
                new Filter("instance-state-name", new List<string> { "pending", "running", "stopping", "stopped", "shutting-down" }),
            };
            var reservations = await ec2.CallPagesAsync("DescribeInstances", requestId ?? "bastion instances",
                (c, next, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = next }, ct),
                page => page.Reservations, page => page.NextToken, cancel).ConfigureAwait(false);
            return reservations.SelectMany(r => r.Instances ?? new List<Instance>()).Select(i => new BastionInstance(i)).Where(i => i.IsBastion).ToList();
        }

        public static async Task<List<BastionInstance>> ReadInstancesAsync(Ec2Session ec2, IReadOnlyCollection<string> instanceIds, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeInstances", string.Join(",", instanceIds), true,
                (c, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = instanceIds.ToList() }, ct), cancel).ConfigureAwait(false);
            return (answer.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()).Select(i => new BastionInstance(i)).ToList();
        }
    }
}
