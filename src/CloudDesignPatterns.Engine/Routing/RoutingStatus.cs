using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>
    /// Read-only views of a virtual IP's routes (Get-RoutingFailover, Test-RoutingFailover): describes only, so
    /// monitoring can call them as often as it likes.
    /// </summary>
    public static class RoutingStatus
    {
        /// <summary>Every named table (a row without a route when it has none), or every table that routes the virtual IP.</summary>
        public static async Task<IReadOnlyList<RoutingFailoverRoute>> GetAsync(Ec2Session ec2, RoutingRequest request, CancellationToken cancel)
        {
            var tables = await RoutingReader.DescribeRouteTablesAsync(ec2, request.VirtualIp, request.RouteTableIds, cancel).ConfigureAwait(false);
            return tables.Select(t => ToRoute(request.VirtualIp, ec2.Region, t)).ToList();
        }

        /// <summary>Whether every table points at the target; the tables are named, or those of the target's VPC that route the virtual IP.</summary>
        public static async Task<RoutingFailoverTest> TestAsync(Ec2Session ec2, RoutingRequest request, CancellationToken cancel)
        {
            var facts = await RoutingPreflightReader.ReadAsync(ec2, request.VirtualIp, request.Target!, request.RouteTableIds, request.TableSource,
                describeVpc: false, cancel).ConfigureAwait(false);
            return Evaluate(facts);
        }

        /// <summary>Pure: the verdict on preflight facts. No table at all is a failed test, never a vacuous pass.</summary>
        public static RoutingFailoverTest Evaluate(RoutingPreflight facts)
        {
            var routes = facts.Tables.Select(t => ToRoute(facts.VirtualIp, facts.Region, t)).ToArray();
            var mismatched = facts.Tables.Where(t => !RoutingFailoverPlanner.PointsAt(t.Route, facts.Target)).Select(t => t.RouteTableId).ToArray();
            return new RoutingFailoverTest
            {
                VirtualIp = facts.VirtualIp.Address,
                Region = facts.Region,
                ExpectedInstanceId = facts.Target.InstanceId,
                ExpectedNetworkInterfaceId = facts.Target.NetworkInterfaceId,
                Routes = routes,
                Mismatched = mismatched,
                Passed = routes.Length > 0 && mismatched.Length == 0,
            };
        }

        private static RoutingFailoverRoute ToRoute(VirtualIp vip, string region, RouteTableFacts t) => new RoutingFailoverRoute
        {
            VirtualIp = vip.Address,
            DestinationCidrBlock = vip.Cidr,
            Region = region,
            RouteTableId = t.RouteTableId,
            VpcId = t.VpcId,
            Name = t.Name,
            HasRoute = t.Route != null,
            InstanceId = t.Route?.InstanceId,
            NetworkInterfaceId = t.Route?.NetworkInterfaceId,
            GatewayId = t.Route?.GatewayId,
            State = t.Route?.State,
        };
    }
}
