using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>
    /// The read-only round before a failover: the target, its VPC and the route tables are described concurrently
    /// (one round trip whatever the number of tables). Tables come from -RouteTableId or cdp:routing:route-table-id
    /// when named; otherwise every table of the target's VPC with a route for the virtual IP.
    /// </summary>
    public static class RoutingPreflightReader
    {
        public static async Task<RoutingPreflight> ReadAsync(Ec2Session ec2, VirtualIp vip, RoutingTarget target,
            IReadOnlyList<string>? tableIds, string tableSource, bool describeVpc, CancellationToken cancel)
        {
            var targetTask = target.NetworkInterfaceId != null
                ? RoutingReader.DescribeInterfaceAsync(ec2, target.NetworkInterfaceId, cancel)
                : RoutingReader.DescribeInstanceAsync(ec2, target.InstanceId!, cancel);
            var vpcTask = describeVpc ? RoutingReader.DescribeVpcAsync(ec2, target.VpcId, targetTask, cancel) : Task.FromResult<VpcFacts?>(null);
            var tablesTask = RoutingReader.DescribeRouteTablesAsync(ec2, vip, tableIds, cancel);
            await Task.WhenAll(Observe(targetTask), Observe(vpcTask), Observe(tablesTask)).ConfigureAwait(false);
            // The target's failure (unknown id) says most; report it before a VPC or table error it may have caused.
            var facts = await targetTask.ConfigureAwait(false);
            var vpc = await vpcTask.ConfigureAwait(false);
            var tables = await tablesTask.ConfigureAwait(false);
            if (describeVpc && vpc == null)
                throw new PatternException("AwsCallFailed.InvalidVpcID.NotFound", PatternErrorCategory.ObjectNotFound,
                    $"The VPC {facts.VpcId} of {facts.Describe()} could not be described.", "InvalidVpcID.NotFound");

            var named = tableIds != null;
            if (!named && facts.Tags.Count > 0)
            {
                // -InstanceId: the target instance's own cdp:routing:route-table-id tag names its tables.
                var configured = ConfigurationResolver.Resolve("routing", facts.Tags, null, instanceId: facts.InstanceId).Find("RouteTableId")?.Value as string[];
                if (configured != null && configured.Length > 0)
                {
                    ec2.Log.Debug($"Route tables from the tag cdp:routing:route-table-id of {facts.InstanceId}: {string.Join(", ", configured)}");
                    tables = configured.All(id => tables.Any(t => t.RouteTableId == id))
                        ? configured.Select(id => tables.First(t => t.RouteTableId == id)).ToList()
                        : await RoutingReader.DescribeRouteTablesAsync(ec2, vip, configured, cancel).ConfigureAwait(false);
                    named = true;
                    tableSource = $"tag cdp:routing:route-table-id of {facts.InstanceId}";
                }
            }
            if (!named)
            {
                var elsewhere = tables.Where(t => t.VpcId != facts.VpcId).Select(t => t.RouteTableId).ToList();
                if (elsewhere.Count > 0) ec2.Log.Debug($"Route tables of other VPCs that also route {vip.Cidr}, left alone: {string.Join(", ", elsewhere)}");
                tables = tables.Where(t => t.VpcId == facts.VpcId).ToList();
            }
            ec2.Log.Debug($"Route tables ({tableSource}): {string.Join(", ", tables.Select(t => t.RouteTableId))}");
            return new RoutingPreflight
            {
                VirtualIp = vip, Region = ec2.Region, Target = facts, Vpc = vpc, Tables = tables, TablesNamed = named, TableSource = tableSource,
            };
        }

        /// <summary>Waits for a task without throwing, so all three finish before any error is reported.</summary>
        private static async Task Observe(Task task)
        {
            try { await task.ConfigureAwait(false); }
            catch (Exception) { /* rethrown by the caller's await */ }
        }
    }
}
