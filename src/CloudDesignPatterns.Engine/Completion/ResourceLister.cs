using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
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
                    var snapshots = await ec2.CallAsync("DescribeSnapshots", "completion", true,
                        (c, ct) => c.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
                        {
                            OwnerIds = new List<string> { "self" },
                            Filters = new List<Filter> { new Filter("tag-key", new List<string> { ManagedTags.SetIdKey }) },
                            MaxResults = PageSize,
                        }, ct), cancel).ConfigureAwait(false);
                    return (snapshots.Snapshots ?? new List<Snapshot>())
                        .Select(s => (Set: Tag(s.Tags, ManagedTags.SetIdKey), Snapshot: s)).Where(x => x.Set != null)
                        .GroupBy(x => x.Set!).Select(g => new ResourceCandidate(g.Key, Describe(g.First().Snapshot.Tags, g.First().Snapshot.StartTime?.ToString("u")))).ToList();
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
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        private static string? Tag(List<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

        private static string Describe(List<Tag>? tags, string? detail)
        {
            var name = Tag(tags, "Name");
            return string.Join(" · ", new[] { name, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
    }
}
