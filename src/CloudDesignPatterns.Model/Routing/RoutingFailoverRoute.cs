namespace CloudDesignPatterns.Model.Routing
{
    /// <summary>
    /// Where one route table sends a virtual IP (Get-RoutingFailover), blackholes included. VirtualIp, RouteTableId and
    /// Region bind by property name to Set- and Test-RoutingFailover.
    /// </summary>
    public sealed class RoutingFailoverRoute
    {
        public string VirtualIp { get; set; } = "";
        public string DestinationCidrBlock { get; set; } = "";
        public string Region { get; set; } = "";
        public string RouteTableId { get; set; } = "";
        public string VpcId { get; set; } = "";
        /// <summary>False when the table has no route for the virtual IP (then the target fields are null).</summary>
        public bool HasRoute { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        /// <summary>A gateway target (igw-…, vgw-…, local), when the route does not point at an interface.</summary>
        public string? GatewayId { get; set; }
        /// <summary>active or blackhole (a stopped or terminated target); null when there is no route.</summary>
        public string? State { get; set; }
        /// <summary>The Name tag of the table, when it has one.</summary>
        public string? Name { get; set; }

        public override string ToString() => $"{RouteTableId}: {NetworkInterfaceId ?? GatewayId ?? "(no route)"}";
    }

    /// <summary>The records behind Test-RoutingFailover -Detailed.</summary>
    public sealed class RoutingFailoverTest
    {
        public string VirtualIp { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>The target every table was expected to point at.</summary>
        public string? ExpectedInstanceId { get; set; }
        public string ExpectedNetworkInterfaceId { get; set; } = "";
        /// <summary>True when every table has an active route to the expected interface (and there is at least one table).</summary>
        public bool Passed { get; set; }
        public RoutingFailoverRoute[] Routes { get; set; } = new RoutingFailoverRoute[0];
        /// <summary>The tables that do not point at the expected target.</summary>
        public string[] Mismatched { get; set; } = new string[0];

        public override string ToString() => Passed.ToString();
    }
}
