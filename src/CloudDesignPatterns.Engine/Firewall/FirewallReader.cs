using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>Reads the team groups, their rules and the VPC's instance interfaces: three describes (rules batched by group).</summary>
    public static class FirewallReader
    {
        /// <summary>The VPC asked for, else the region's default VPC, else its only VPC.</summary>
        public static async Task<string> ResolveVpcAsync(Ec2Session ec2, string? vpcId, CancellationToken cancel)
        {
            if (vpcId != null) return vpcId;
            var vpcs = await ec2.CallAsync("DescribeVpcs", "*", true, (c, ct) => c.DescribeVpcsAsync(new DescribeVpcsRequest(), ct), cancel).ConfigureAwait(false);
            var all = vpcs.Vpcs ?? new List<Vpc>();
            // The default VPC, else the region's only VPC; with several and none default, the user must choose.
            return all.FirstOrDefault(v => v.IsDefault == true)?.VpcId ?? (all.Count == 1 ? all[0].VpcId : null)
                ?? throw new PatternException("NoDefaultVpc", PatternErrorCategory.InvalidArgument,
                    $"Region {ec2.Region} has no default VPC and {all.Count} others: give -VpcId (or VpcId in the declaration).");
        }

        public static async Task<ObservedFirewall> ReadAsync(Ec2Session ec2, string vpcId, CancellationToken cancel)
        {
            var observed = new ObservedFirewall { VpcId = vpcId };
            var groupsTask = ec2.CallPagesAsync("DescribeSecurityGroups", vpcId,
                (c, token, ct) => c.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
                {
                    Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }), new Filter("tag-key", new List<string> { FirewallTags.TeamKey }) },
                    NextToken = token,
                }, ct), page => page.SecurityGroups, page => page.NextToken, cancel);
            var instancesTask = ec2.CallPagesAsync("DescribeInstances", vpcId,
                (c, token, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest
                {
                    Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }), new Filter("instance-state-name", new List<string> { "running" }) },
                    NextToken = token,
                }, ct), page => (page.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()), page => page.NextToken, cancel);
            var groups = await groupsTask.ConfigureAwait(false);
            var instances = await instancesTask.ConfigureAwait(false);
            foreach (var g in groups)
                observed.Groups.Add(new ObservedGroup
                {
                    GroupId = g.GroupId,
                    GroupName = g.GroupName,
                    Team = (g.Tags ?? new List<Tag>()).First(t => t.Key == FirewallTags.TeamKey).Value,
                });
            if (observed.Groups.Count > 0)
                foreach (var (groupId, rule) in await SecurityGroupRules.ReadIngressAsync(ec2, observed.Groups.Select(g => g.GroupId).ToList(), cancel).ConfigureAwait(false))
                    observed.Groups.First(g => g.GroupId == groupId).Rules.Add(rule);
            foreach (var instance in instances)
            {
                var tags = (instance.Tags ?? new List<Tag>()).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
                foreach (var eni in instance.NetworkInterfaces ?? new List<InstanceNetworkInterface>())
                {
                    var item = new ObservedInterface { InstanceId = instance.InstanceId, NetworkInterfaceId = eni.NetworkInterfaceId, InstanceTags = tags };
                    item.GroupIds.AddRange((eni.Groups ?? new List<GroupIdentifier>()).Select(g => g.GroupId));
                    observed.Interfaces.Add(item);
                }
            }
            return observed;
        }
    }
}
