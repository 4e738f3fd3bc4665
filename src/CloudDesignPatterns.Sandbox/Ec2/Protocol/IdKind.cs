using System.Collections.Generic;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>One resource id family: its prefix and the error codes AWS answers for malformed and unknown ids.</summary>
    internal sealed class IdKind
    {
        private readonly Regex _shape;
        private readonly string _noun;

        private IdKind(string prefix, string malformedCode, string notFoundCode, string noun)
        {
            Prefix = prefix; MalformedCode = malformedCode; NotFoundCode = notFoundCode; _noun = noun;
            _shape = new Regex("^" + Regex.Escape(prefix) + "-([0-9a-f]{8}|[0-9a-f]{17})$");
        }

        public string Prefix { get; }
        public string MalformedCode { get; }
        public string NotFoundCode { get; }

        public static readonly IdKind Instance = new IdKind("i", "InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "instance ID");
        public static readonly IdKind Volume = new IdKind("vol", "InvalidVolumeID.Malformed", "InvalidVolume.NotFound", "volume");
        public static readonly IdKind Snapshot = new IdKind("snap", "InvalidSnapshotID.Malformed", "InvalidSnapshot.NotFound", "snapshot");
        public static readonly IdKind Image = new IdKind("ami", "InvalidAMIID.Malformed", "InvalidAMIID.NotFound", "image id");
        public static readonly IdKind RouteTable = new IdKind("rtb", "InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound", "routeTable ID");
        public static readonly IdKind NetworkInterface = new IdKind("eni", "InvalidNetworkInterfaceId.Malformed", "InvalidNetworkInterfaceID.NotFound", "networkInterface ID");
        public static readonly IdKind SecurityGroup = new IdKind("sg", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group");
        // AWS has no ".Malformed" code for allocation ids; a bad one is reported as not found.
        public static readonly IdKind Allocation = new IdKind("eipalloc", "InvalidAllocationID.NotFound", "InvalidAllocationID.NotFound", "allocation ID");
        public static readonly IdKind Association = new IdKind("eipassoc", "InvalidAssociationID.NotFound", "InvalidAssociationID.NotFound", "association ID");
        public static readonly IdKind Subnet = new IdKind("subnet", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet ID");
        public static readonly IdKind SecurityGroupRule = new IdKind("sgr", "InvalidSecurityGroupRuleId.Malformed", "InvalidSecurityGroupRuleId.NotFound", "security group rule");
        public static readonly IdKind Vpc = new IdKind("vpc", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "vpc ID");

        public void CheckFormat(string id)
        {
            if (!_shape.IsMatch(id ?? ""))
                throw new SandboxServiceException(MalformedCode, $"Invalid id: \"{id}\"" + (MalformedCode.EndsWith(".NotFound") ? " does not exist" : ""));
        }

        public SandboxServiceException NotFound(string id) =>
            new SandboxServiceException(NotFoundCode, $"The {_noun} '{id}' does not exist");

        public SandboxServiceException NotFound(IReadOnlyCollection<string> ids) =>
            ids.Count == 1 ? NotFound(string.Join("", ids)) :
            new SandboxServiceException(NotFoundCode, $"The {_noun}s '{string.Join(", ", ids)}' do not exist");

        /// <summary>Checks the shape, then looks the id up; throws AWS's code for either failure.</summary>
        public T Find<T>(IDictionary<string, T> table, string id)
        {
            CheckFormat(id);
            return table.TryGetValue(id, out var found) ? found : throw NotFound(id);
        }
    }
}
