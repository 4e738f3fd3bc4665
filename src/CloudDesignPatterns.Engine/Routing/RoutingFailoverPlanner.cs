using System;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>
    /// Pure: decides from the preflight facts what a failover does to each route table, and refuses — before any
    /// change — a failover that cannot work: a virtual IP inside the VPC (AWS routes it locally, so no route table can
    /// send it to a node), a target that is not running, or a route table in another VPC than the target.
    /// </summary>
    public static class RoutingFailoverPlanner
    {
        public static RoutingFailoverPlan Plan(RoutingPreflight facts, bool createMissing)
        {
            var vip = facts.VirtualIp;
            var target = facts.Target;
            var vpc = facts.Vpc ?? throw new ArgumentException("The preflight must include the target's VPC.", nameof(facts));

            var inside = vpc.CidrBlocks.Select(b => Ipv4Block.TryParse(b, out var block) ? block : null)
                .FirstOrDefault(b => b != null && b.Contains(vip));
            if (inside != null)
                throw new PatternException("VirtualIpInsideVpc", PatternErrorCategory.InvalidArgument,
                    $"The virtual IP {vip} lies inside {vpc.VpcId}'s CIDR block {inside}: AWS delivers addresses of the VPC locally, so no route table can send it to one node. " +
                    "Pick an address outside every block of the VPC (for example from 100.64.0.0/10), or move a secondary private IP with Move-FloatingIp instead.");

            if (target.InstanceId == null)
                throw new PatternException("TargetNotAttached", PatternErrorCategory.InvalidOperation,
                    $"{target.NetworkInterfaceId} is not attached to an instance: a route to it would be a blackhole.");
            if (target.InstanceState != null && target.InstanceState != "running" && target.InstanceState != "pending")
                throw new PatternException("TargetNotRunning", PatternErrorCategory.InvalidOperation,
                    $"{target.InstanceId} is {target.InstanceState}: a route to it would be a blackhole. Start it, or fail over to a running node.");

            var foreign = facts.Tables.Where(t => t.VpcId != target.VpcId).ToList();
            if (foreign.Count > 0)
                throw new PatternException("TargetInOtherVpc", PatternErrorCategory.InvalidArgument,
                    $"{target.Describe()} is in {target.VpcId}, but route table(s) {string.Join(", ", foreign.Select(t => $"{t.RouteTableId} ({t.VpcId})"))} " +
                    "belong to another VPC; a route can only point at an interface of its own VPC.");

            if (facts.Tables.Count == 0)
                throw new PatternException("NoRouteTableForVirtualIp", PatternErrorCategory.ObjectNotFound,
                    $"No route table of {target.VpcId} has a route for {vip.Cidr}: pass -RouteTableId (with -CreateMissing to add the route), " +
                    "or set the tag cdp:routing:route-table-id on the instance.");

            return new RoutingFailoverPlan
            {
                VirtualIp = vip,
                Region = facts.Region,
                VpcId = vpc.VpcId,
                Target = target,
                DisableSourceDestCheck = target.SourceDestCheck,
                Tables = facts.Tables.Select(t => PlanTable(t, target, vip, createMissing)).ToList(),
            };
        }

        private static PlannedRouteSwitch PlanTable(RouteTableFacts table, TargetFacts target, VirtualIp vip, bool createMissing)
        {
            var route = table.Route;
            var planned = new PlannedRouteSwitch { RouteTableId = table.RouteTableId, Previous = route };
            if (route == null)
            {
                if (createMissing) planned.Action = PlannedRouteAction.Create;
                else
                {
                    planned.Action = PlannedRouteAction.Refuse;
                    planned.RefusalId = "RouteMissing";
                    planned.RefusalMessage = $"{table.RouteTableId} has no route for {vip.Cidr}; pass -CreateMissing to create it.";
                }
            }
            else planned.Action = PointsAt(route, target) ? PlannedRouteAction.None : PlannedRouteAction.Replace;
            return planned;
        }

        /// <summary>An active route to the target's interface (a blackhole to it is replaced, which revives it).</summary>
        public static bool PointsAt(RouteFacts? route, TargetFacts target)
            => route != null && route.NetworkInterfaceId == target.NetworkInterfaceId && route.State == "active";

        /// <summary>The -WhatIf / -Confirm text for one table.</summary>
        public static string Describe(RoutingFailoverPlan plan, PlannedRouteSwitch table) => table.Action switch
        {
            PlannedRouteAction.Create => $"Create route {plan.VirtualIp.Cidr} → {plan.Target.Describe()}",
            PlannedRouteAction.Replace => $"Route {plan.VirtualIp.Cidr} to {plan.Target.Describe()} (now {table.Previous!.Describe()}{(table.Previous.State == "blackhole" ? ", blackhole" : "")})",
            _ => $"Leave {plan.VirtualIp.Cidr} as it is",
        };
    }
}
