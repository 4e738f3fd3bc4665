using System.Linq;

namespace CloudDesignPatterns.Model.Routing
{
    /// <summary>
    /// What Set-RoutingFailover did: the virtual IP, the target it now routes to, and one row per route table, as read
    /// back after the switch. VirtualIp, RouteTableId, InstanceId and Region bind by property name to Get- and
    /// Test-RoutingFailover.
    /// </summary>
    public sealed class RoutingFailoverResult
    {
        /// <summary>The virtual IP address (without /32).</summary>
        public string VirtualIp { get; set; } = "";
        /// <summary>The route's destination, the virtual IP as a /32.</summary>
        public string DestinationCidrBlock { get; set; } = "";
        public string Region { get; set; } = "";
        public string VpcId { get; set; } = "";
        /// <summary>The instance the virtual IP is routed to (null for an interface that is not attached).</summary>
        public string? InstanceId { get; set; }
        /// <summary>The interface every route table now points at.</summary>
        public string NetworkInterfaceId { get; set; } = "";
        /// <summary>True when this run turned source/dest check off on the interface (it was on).</summary>
        public bool SourceDestCheckDisabled { get; set; }
        /// <summary>Source/dest check on the interface after the run (false is what a forwarding node needs).</summary>
        public bool SourceDestCheck { get; set; }
        /// <summary>Set when turning source/dest check off was agreed to but failed or does not read back (also written as an error).</summary>
        public string? SourceDestCheckErrorId { get; set; }
        public RouteTableSwitch[] Tables { get; set; } = new RouteTableSwitch[0];
        /// <summary>The tables' ids, for Get-/Test-RoutingFailover down the pipeline.</summary>
        public string[] RouteTableId => Tables.Select(t => t.RouteTableId).ToArray();
        /// <summary>True when no table failed and source/dest check, where it was to be turned off, is off.</summary>
        public bool Succeeded => SourceDestCheckErrorId == null && Tables.All(t => t.Outcome != RouteSwitchOutcome.Failed);
        /// <summary>From the call to the verified end state.</summary>
        public long ElapsedMilliseconds { get; set; }

        public override string ToString() => $"{VirtualIp} → {NetworkInterfaceId}";
    }

    /// <summary>One route table of a failover.</summary>
    public sealed class RouteTableSwitch
    {
        public string RouteTableId { get; set; } = "";
        /// <summary>Where the virtual IP's route pointed before ("eni-… (i-…)", a gateway, or null when there was no route).</summary>
        public string? PreviousTarget { get; set; }
        public string? PreviousNetworkInterfaceId { get; set; }
        public string? PreviousInstanceId { get; set; }
        public RouteSwitchOutcome Outcome { get; set; }
        /// <summary>The interface the route points at as read back after the switch (null when there is no route).</summary>
        public string? NetworkInterfaceId { get; set; }
        /// <summary>active or blackhole, as read back.</summary>
        public string? State { get; set; }
        /// <summary>For a failed table: the error id (AwsCallFailed.UnauthorizedOperation, RouteMissing, …).</summary>
        public string? ErrorId { get; set; }
        /// <summary>For a failed table: the AWS error code, when AWS answered.</summary>
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }

        public override string ToString() => $"{RouteTableId}: {Outcome}";
    }

    public enum RouteSwitchOutcome
    {
        /// <summary>The route pointed elsewhere and now points at the target (ReplaceRoute).</summary>
        Switched,
        /// <summary>The route already pointed at the target: no call was made.</summary>
        AlreadyCurrent,
        /// <summary>There was no route for the virtual IP; one was created (-CreateMissing).</summary>
        Created,
        /// <summary>The table does not point at the target; ErrorId and ErrorMessage say why.</summary>
        Failed,
    }
}
