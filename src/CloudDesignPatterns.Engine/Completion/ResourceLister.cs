using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Completion
{
    /// <summary>Lists ids of one kind in the session's region, for tab completion. One describe call, first page only.</summary>
    public static class ResourceLister
    {
        private const int PageSize = 200;

        public static async Task<IReadOnlyList<ResourceCandidate>> ListAsync(Ec2Session ec2, CompletionKind kind, CancellationToken cancel)
        {
            switch (kind)
            {
                case CompletionKind.Instance:
                    var reservations = await ec2.CallAsync("DescribeInstances", "completion", true,
                        (c, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = PageSize }, ct), cancel).ConfigureAwait(false);
                    return (reservations.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>())
                        .Select(i => new ResourceCandidate(i.InstanceId, Describe(i.Tags, i.State?.Name?.Value))).ToList();
                case CompletionKind.Volume:
                    var volumes = await ec2.CallAsync("DescribeVolumes", "completion", true,
                        (c, ct) => c.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = PageSize }, ct), cancel).ConfigureAwait(false);
                    return (volumes.Volumes ?? new List<Volume>()).Select(v => new ResourceCandidate(v.VolumeId, Describe(v.Tags, $"{v.Size} GiB"))).ToList();
                case CompletionKind.SnapshotSet:
                    // The first snapshot of each set names it (its Name tag and start time), as listed.
                    var sets = new List<ResourceCandidate>();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    await SnapshotSetReader.ReadFirstPageAsync(ec2, SnapshotSetReader.ManagedOnly(), PageSize, (in SnapshotFacts s) =>
                    {
                        if (s.Tags.SetId is { } setId && seen.Add(setId))
                            sets.Add(new ResourceCandidate(setId, Describe(s.Tags.Name, s.StartTime?.ToString("u"))));
                    }, cancel).ConfigureAwait(false);
                    return sets;
                case CompletionKind.RouteTable:
                    var tables = await ec2.CallAsync("DescribeRouteTables", "completion", true,
                        (c, ct) => c.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { MaxResults = 100 }, ct), cancel).ConfigureAwait(false);
                    return (tables.RouteTables ?? new List<RouteTable>()).Select(t => new ResourceCandidate(t.RouteTableId, Describe(t.Tags, t.VpcId))).ToList();
                case CompletionKind.NetworkInterface:
                    var enis = await ec2.CallAsync("DescribeNetworkInterfaces", "completion", true,
                        (c, ct) => c.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = PageSize }, ct), cancel).ConfigureAwait(false);
                    return (enis.NetworkInterfaces ?? new List<NetworkInterface>()).Select(n => new ResourceCandidate(n.NetworkInterfaceId, Describe(n.TagSet, n.PrivateIpAddress))).ToList();
                case CompletionKind.ElasticIp:
                    var addresses = await ec2.CallAsync("DescribeAddresses", "completion", true,
                        (c, ct) => c.DescribeAddressesAsync(new DescribeAddressesRequest(), ct), cancel).ConfigureAwait(false);
                    return (addresses.Addresses ?? new List<Address>()).Select(a => new ResourceCandidate(a.AllocationId, Describe(a.Tags, a.PublicIp))).ToList();
                case CompletionKind.SecurityGroup:
                    var groups = await ec2.CallAsync("DescribeSecurityGroups", "completion", true,
                        (c, ct) => c.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { MaxResults = PageSize }, ct), cancel).ConfigureAwait(false);
                    return (groups.SecurityGroups ?? new List<SecurityGroup>()).Select(g => new ResourceCandidate(g.GroupId, g.GroupName)).ToList();
                case CompletionKind.SnapshotPolicy:
                    return await ListSnapshotPoliciesAsync(ec2, Array.Empty<string>(), cancel).ConfigureAwait(false);
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        /// <summary>
        /// Snapshot policy names. One DescribeTags call for the policy tag answers both places a policy name is
        /// tagged: the managed snapshots and images (policies that have sets) and the instances' Cloud DI tag
        /// (policies that will have them). The instances named on the command line add the policy their user data
        /// sets, read as Get-PatternConfiguration reads it, since that setting is on no tag.
        /// </summary>
        public static async Task<IReadOnlyList<ResourceCandidate>> ListSnapshotPoliciesAsync(Ec2Session ec2, IReadOnlyList<string> instanceIds, CancellationToken cancel)
        {
            var tagged = ec2.CallAsync("DescribeTags", "completion", true,
                (c, ct) => c.DescribeTagsAsync(new DescribeTagsRequest
                {
                    Filters = new List<Filter> { new Filter("key", new List<string> { ManagedTags.PolicyKey }) },
                    MaxResults = 1000,
                }, ct), cancel);
            var fromUserData = Task.WhenAll(instanceIds.Select(id => UserDataPolicyAsync(ec2, id, cancel)));
            var uses = ((await tagged.ConfigureAwait(false)).Tags ?? new List<TagDescription>())
                .Select(t => (Policy: (string?)t.Value, Where: t.ResourceType?.Value == "instance" ? "instance tag" : "backup"))
                .Concat((await fromUserData.ConfigureAwait(false)).Select(policy => (Policy: policy, Where: "user data")));
            return uses.Where(u => !string.IsNullOrEmpty(u.Policy))
                .GroupBy(u => u.Policy!, StringComparer.Ordinal)
                .Select(g => new ResourceCandidate(g.Key, DescribePolicyUse(g.Select(u => u.Where).ToList())))
                .ToList();
        }

        /// <summary>The policy an instance's user data names, or null (also for an id half typed or not found).</summary>
        private static async Task<string?> UserDataPolicyAsync(Ec2Session ec2, string instanceId, CancellationToken cancel)
        {
            try
            {
                var settings = await InstanceSettingsReader.ReadAsync(ec2, instanceId, cancel).ConfigureAwait(false);
                return settings.UserData.Settings.TryGetValue(ManagedTags.PolicyKey, out var policy) ? policy : null;
            }
            catch (PatternException) { return null; }
        }

        private static string DescribePolicyUse(IReadOnlyCollection<string> places)
        {
            var backups = places.Count(p => p == "backup");
            var instances = places.Count - backups;
            return $"{instances} instance setting(s), {backups} snapshot(s)/image(s)";
        }

        private static string? Tag(List<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

        private static string Describe(List<Tag>? tags, string? detail) => Describe(Tag(tags, "Name"), detail);

        private static string Describe(string? name, string? detail)
            => string.Join(" · ", new[] { name, detail }.Where(s => !string.IsNullOrEmpty(s)));
    }
}
