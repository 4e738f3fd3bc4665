using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class VpcRecord : Ec2Resource
    {
        public VpcRecord(string id) : base(id) { }
        public override string ResourceType => "vpc";
        /// <summary>The primary IPv4 CIDR block (the one the VPC was created with).</summary>
        public string CidrBlock { get; set; } = "";
        /// <summary>Blocks added later with AssociateVpcCidrBlock, by association id.</summary>
        public Dictionary<string, string> SecondaryCidrBlocks { get; } = new Dictionary<string, string>();
        public bool IsDefault { get; set; }

        public IEnumerable<string> AllCidrBlocks
        {
            get
            {
                yield return CidrBlock;
                foreach (var block in SecondaryCidrBlocks.Values) yield return block;
            }
        }
    }

    internal sealed class SubnetRecord : Ec2Resource
    {
        public SubnetRecord(string id) : base(id) { }
        public override string ResourceType => "subnet";
        public string VpcId { get; set; } = "";
        public string AvailabilityZone { get; set; } = "";
        public string CidrBlock { get; set; } = "";
    }

    internal sealed class InternetGatewayRecord : Ec2Resource
    {
        public InternetGatewayRecord(string id) : base(id) { }
        public override string ResourceType => "internet-gateway";
        public string VpcId { get; set; } = "";
    }

    internal sealed class NetworkInterfaceRecord : Ec2Resource
    {
        public NetworkInterfaceRecord(string id) : base(id) { }
        public override string ResourceType => "network-interface";
        public string SubnetId { get; set; } = "";
        public string VpcId { get; set; } = "";
        public string AvailabilityZone { get; set; } = "";
        public string MacAddress { get; set; } = "";
        public string Description { get; set; } = "";
        /// <summary>The first address is the primary one.</summary>
        public List<string> PrivateIpAddresses { get; } = new List<string>();
        public List<string> SecurityGroupIds { get; } = new List<string>();
        public bool SourceDestCheck { get; set; } = true;
        public string? AttachedInstanceId { get; set; }
        public int DeviceIndex { get; set; }
        public string AttachmentId { get; set; } = "";
    }
}
