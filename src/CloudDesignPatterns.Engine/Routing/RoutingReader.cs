using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>The describes of routing-based HA, each one call (or its pages), mapped to our facts.</summary>
    internal static class RoutingReader
    {
        /// <summary>One instance and its primary interface (device index 0), with its state and tags.</summary>
        public static async Task<TargetFacts> DescribeInstanceAsync(Ec2Session ec2, string instanceId, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeInstances", instanceId, true,
                (c, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { instanceId } }, ct), cancel).ConfigureAwait(false);
            var instance = (answer.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()).FirstOrDefault(i => i.InstanceId == instanceId)
                ?? throw NotFound("InvalidInstanceID.NotFound", $"The instance '{instanceId}' does not exist in {ec2.Region}.");
            var state = instance.State?.Name?.Value;
            var primary = (instance.NetworkInterfaces ?? new List<InstanceNetworkInterface>())
                .OrderBy(n => n.Attachment?.DeviceIndex ?? int.MaxValue).FirstOrDefault();
            if (primary == null)
                throw new PatternException("TargetNotRunning", PatternErrorCategory.InvalidOperation,
                    $"{instanceId} is {state ?? "gone"} and has no network interface to route to.");
            return new TargetFacts
            {
                InstanceId = instance.InstanceId,
                InstanceState = state,
                NetworkInterfaceId = primary.NetworkInterfaceId,
                VpcId = primary.VpcId ?? instance.VpcId ?? "",
                SourceDestCheck = primary.SourceDestCheck != false,
                Tags = (instance.Tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            };
        }

        public static async Task<TargetFacts> DescribeInterfaceAsync(Ec2Session ec2, string networkInterfaceId, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeNetworkInterfaces", networkInterfaceId, true,
                (c, ct) => c.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = new List<string> { networkInterfaceId } }, ct),
                cancel).ConfigureAwait(false);
            var eni = (answer.NetworkInterfaces ?? new List<NetworkInterface>()).FirstOrDefault(n => n.NetworkInterfaceId == networkInterfaceId)
                ?? throw NotFound("InvalidNetworkInterfaceID.NotFound", $"The network interface '{networkInterfaceId}' does not exist in {ec2.Region}.");
            return new TargetFacts
            {
                NetworkInterfaceId = eni.NetworkInterfaceId,
                InstanceId = string.IsNullOrEmpty(eni.Attachment?.InstanceId) ? null : eni.Attachment!.InstanceId,
                VpcId = eni.VpcId ?? "",
                SourceDestCheck = eni.SourceDestCheck != false,
            };
        }

        /// <summary>The VPC's associated IPv4 blocks (the primary and any added since).</summary>
        public static async Task<VpcFacts?> DescribeVpcAsync(Ec2Session ec2, string? vpcId, Task<TargetFacts> target, CancellationToken cancel)
        {
            // With the VPC id known up front (-Self) ask for that one; otherwise for all (a handful per region), so this
            // call need not wait for the target's describe.
            var vpcs = await ec2.CallPagesAsync("DescribeVpcs", vpcId ?? "all",
                (c, next, ct) => c.DescribeVpcsAsync(new DescribeVpcsRequest
                {
                    VpcIds = vpcId == null ? null : new List<string> { vpcId },
                    NextToken = next,
                }, ct),
                page => page.Vpcs, page => page.NextToken, cancel).ConfigureAwait(false);
            var wanted = (await target.ConfigureAwait(false)).VpcId;
            var vpc = vpcs.FirstOrDefault(v => v.VpcId == wanted);
            if (vpc == null) return null;
            var blocks = (vpc.CidrBlockAssociationSet ?? new List<VpcCidrBlockAssociation>())
                .Where(a => a.CidrBlockState?.State?.Value == null || a.CidrBlockState.State.Value == "associated" || a.CidrBlockState.State.Value == "associating")
                .Select(a => a.CidrBlock).Where(b => !string.IsNullOrEmpty(b)).ToList();
            if (!string.IsNullOrEmpty(vpc.CidrBlock) && !blocks.Contains(vpc.CidrBlock)) blocks.Insert(0, vpc.CidrBlock);
            return new VpcFacts { VpcId = vpc.VpcId, CidrBlocks = blocks };
        }

        /// <summary>Named tables (an unknown id fails the call), or — ids null — every table with a route for the virtual IP.</summary>
        public static async Task<List<RouteTableFacts>> DescribeRouteTablesAsync(Ec2Session ec2, VirtualIp vip, IReadOnlyList<string>? ids, CancellationToken cancel)
        {
            var tables = await ec2.CallPagesAsync("DescribeRouteTables", ids == null ? vip.Cidr : string.Join(",", ids),
                (c, next, ct) => c.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
                {
                    RouteTableIds = ids?.ToList(),
                    Filters = ids != null ? null : new List<Filter> { new Filter("route.destination-cidr-block", new List<string> { vip.Cidr }) },
                    NextToken = next,
                }, ct),
                page => page.RouteTables, page => page.NextToken, cancel).ConfigureAwait(false);
            var facts = tables.Select(t => ToFacts(t, vip)).ToList();
            if (ids == null) return facts;
            // Keep the order the user named them in.
            return ids.Distinct().Select(id => facts.FirstOrDefault(f => f.RouteTableId == id)).Where(f => f != null).Select(f => f!).ToList();
        }

        private static RouteTableFacts ToFacts(RouteTable table, VirtualIp vip)
        {
            var route = (table.Routes ?? new List<Route>()).FirstOrDefault(r => r.DestinationCidrBlock == vip.Cidr);
            return new RouteTableFacts
            {
                RouteTableId = table.RouteTableId,
                VpcId = table.VpcId ?? "",
                Name = table.Tags?.FirstOrDefault(t => t.Key == "Name")?.Value,
                Route = route == null ? null : new RouteFacts
                {
                    NetworkInterfaceId = string.IsNullOrEmpty(route.NetworkInterfaceId) ? null : route.NetworkInterfaceId,
                    InstanceId = string.IsNullOrEmpty(route.InstanceId) ? null : route.InstanceId,
                    GatewayId = string.IsNullOrEmpty(route.GatewayId) ? null : route.GatewayId,
                    State = route.State?.Value ?? "active",
                },
            };
        }

        private static PatternException NotFound(string code, string message)
            => new PatternException("AwsCallFailed." + code, PatternErrorCategory.ObjectNotFound, message, code);
    }
}
