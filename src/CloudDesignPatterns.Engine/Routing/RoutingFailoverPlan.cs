using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>Everything the preflight describes found, the input of <see cref="RoutingFailoverPlanner"/>.</summary>
    public sealed class RoutingPreflight
    {
        public VirtualIp VirtualIp { get; set; } = null!;
        public string Region { get; set; } = "";
        public TargetFacts Target { get; set; } = new TargetFacts();
        /// <summary>The target's VPC; null when it was not described (Test-/Get-RoutingFailover).</summary>
        public VpcFacts? Vpc { get; set; }
        public IReadOnlyList<RouteTableFacts> Tables { get; set; } = new RouteTableFacts[0];
        /// <summary>True when the tables were named (-RouteTableId or cdp:routing:route-table-id), false when discovered.</summary>
        public bool TablesNamed { get; set; }
        /// <summary>Where the table list came from, for messages and -Debug.</summary>
        public string TableSource { get; set; } = "";
    }

    public enum PlannedRouteAction
    {
        /// <summary>Already points at the target: no call.</summary>
        None,
        Replace,
        Create,
        /// <summary>Cannot be switched (no route and no -CreateMissing): reported as failed, no call.</summary>
        Refuse,
    }

    /// <summary>What happens to one route table.</summary>
    public sealed class PlannedRouteSwitch
    {
        public string RouteTableId { get; set; } = "";
        public PlannedRouteAction Action { get; set; }
        /// <summary>The route as the preflight found it; null when the table has none for the virtual IP.</summary>
        public RouteFacts? Previous { get; set; }
        public string? RefusalId { get; set; }
        public string? RefusalMessage { get; set; }
    }

    /// <summary>The plan of one failover: what -WhatIf prints, and what the executor does.</summary>
    public sealed class RoutingFailoverPlan
    {
        public VirtualIp VirtualIp { get; set; } = null!;
        public string Region { get; set; } = "";
        public string VpcId { get; set; } = "";
        public TargetFacts Target { get; set; } = new TargetFacts();
        /// <summary>Source/dest check is on at the target's interface and must be turned off for it to forward the virtual IP.</summary>
        public bool DisableSourceDestCheck { get; set; }
        public IReadOnlyList<PlannedRouteSwitch> Tables { get; set; } = new PlannedRouteSwitch[0];

        /// <summary>True when any mutating call is planned.</summary>
        public bool HasChanges => DisableSourceDestCheck || Tables.Any(t => t.Action == PlannedRouteAction.Replace || t.Action == PlannedRouteAction.Create);
    }
}
