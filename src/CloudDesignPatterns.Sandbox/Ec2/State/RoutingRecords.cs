using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class RouteTableRecord : Ec2Resource
    {
        public RouteTableRecord(string id) : base(id) { }
        public override string ResourceType => "route-table";
        public string VpcId { get; set; } = "";
        public bool Main { get; set; }
        public string? MainAssociationId { get; set; }
        /// <summary>association id → subnet id.</summary>
        public Dictionary<string, string> SubnetAssociations { get; } = new Dictionary<string, string>();
        public List<RouteRecord> Routes { get; } = new List<RouteRecord>();
    }

    internal sealed class RouteRecord
    {
        public string DestinationCidrBlock { get; set; } = "";
        public string? GatewayId { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        /// <summary>CreateRouteTable (local), CreateRoute (user-added).</summary>
        public string Origin { get; set; } = "CreateRoute";
    }

    internal sealed class AddressRecord : Ec2Resource
    {
        public AddressRecord(string id) : base(id) { }
        public override string ResourceType => "elastic-ip";
        public string PublicIp { get; set; } = "";
        public string? AssociationId { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        public string? PrivateIpAddress { get; set; }
    }

    internal sealed class SecurityGroupRecord : Ec2Resource
    {
        public SecurityGroupRecord(string id) : base(id) { }
        public override string ResourceType => "security-group";
        public string GroupName { get; set; } = "";
        public string Description { get; set; } = "";
        public string VpcId { get; set; } = "";
        public List<PermissionRule> Ingress { get; } = new List<PermissionRule>();
        public List<PermissionRule> Egress { get; } = new List<PermissionRule>();
    }

    /// <summary>
    /// One flattened rule with its own id (sgr-…), as AWS keeps them since security group rule ids: a protocol/port range
    /// and exactly one source (IPv4 CIDR, IPv6 CIDR, prefix list or group), a description and tags.
    /// </summary>
    internal sealed class PermissionRule : Ec2Resource
    {
        private static long seedSequence;

        /// <summary>A rule of the seed (or a parsed request, before it is given a real id).</summary>
        public PermissionRule() : this("sgr-" + System.Threading.Interlocked.Increment(ref seedSequence).ToString("x17")) { }

        public PermissionRule(string id) : base(id) { }

        public override string ResourceType => "security-group-rule";
        public string Protocol { get; set; } = "-1";
        public int? FromPort { get; set; }
        public int? ToPort { get; set; }
        public string? CidrIp { get; set; }
        public string? CidrIpv6 { get; set; }
        public string? PrefixListId { get; set; }
        public string? SourceGroupId { get; set; }
        public string? Description { get; set; }

        public bool SameRule(PermissionRule o) =>
            Protocol == o.Protocol && FromPort == o.FromPort && ToPort == o.ToPort && CidrIp == o.CidrIp
            && CidrIpv6 == o.CidrIpv6 && PrefixListId == o.PrefixListId && SourceGroupId == o.SourceGroupId;

        /// <summary>A copy under the id AWS gives it when it is added to a group.</summary>
        public PermissionRule WithId(string id) => new PermissionRule(id)
        {
            Protocol = Protocol, FromPort = FromPort, ToPort = ToPort, CidrIp = CidrIp,
            CidrIpv6 = CidrIpv6, PrefixListId = PrefixListId, SourceGroupId = SourceGroupId, Description = Description,
        };
    }
}
