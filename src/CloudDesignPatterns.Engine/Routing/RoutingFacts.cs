using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>What the preflight describes found about the target: the interface routes will point at.</summary>
    public sealed class TargetFacts
    {
        public string NetworkInterfaceId { get; set; } = "";
        /// <summary>The instance the interface is attached to (null when detached).</summary>
        public string? InstanceId { get; set; }
        /// <summary>running, stopped…; null when only the interface was described.</summary>
        public string? InstanceState { get; set; }
        public string VpcId { get; set; } = "";
        public bool SourceDestCheck { get; set; }
        /// <summary>The instance's tags (Cloud DI: cdp:routing:route-table-id), when the instance was described.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        /// <summary>"eni-… (i-…)" as the result rows and -WhatIf name it.</summary>
        public string Describe() => RouteFacts.DescribeTarget(NetworkInterfaceId, InstanceId);
    }

    /// <summary>A VPC and its associated IPv4 blocks.</summary>
    public sealed class VpcFacts
    {
        public string VpcId { get; set; } = "";
        public IReadOnlyList<string> CidrBlocks { get; set; } = new string[0];
    }

    /// <summary>One route table and its route for the virtual IP, if it has one.</summary>
    public sealed class RouteTableFacts
    {
        public string RouteTableId { get; set; } = "";
        public string VpcId { get; set; } = "";
        public string? Name { get; set; }
        /// <summary>The route whose destination is the virtual IP's /32; null when there is none.</summary>
        public RouteFacts? Route { get; set; }
    }

    public sealed class RouteFacts
    {
        public string? NetworkInterfaceId { get; set; }
        public string? InstanceId { get; set; }
        public string? GatewayId { get; set; }
        /// <summary>active or blackhole.</summary>
        public string State { get; set; } = "active";

        public string Describe() => NetworkInterfaceId != null ? DescribeTarget(NetworkInterfaceId, InstanceId) : GatewayId ?? "(other target)";

        public static string DescribeTarget(string networkInterfaceId, string? instanceId)
            => instanceId == null ? networkInterfaceId : $"{networkInterfaceId} ({instanceId})";
    }
}
