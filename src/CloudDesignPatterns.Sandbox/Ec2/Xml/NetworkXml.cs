using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>Vpc, Subnet, NetworkInterface and Address shapes.</summary>
    internal static class NetworkXml
    {
        public static object?[] Vpc(VpcRecord v, string account) => new object?[]
        {
            E("vpcId", v.Id),
            E("ownerId", account),
            E("state", "available"),
            E("cidrBlock", v.CidrBlock),
            Set("cidrBlockAssociationSet", CidrAssociations(v), c => CidrAssociation(c.Key, c.Value)),
            E("dhcpOptionsId", "default"),
            E("instanceTenancy", "default"),
            E("isDefault", Bool(v.IsDefault)),
            v.Tags.Count > 0 ? TagSet(v.Tags) : null,
        };

        /// <summary>Every IPv4 block of a VPC with its association id, the primary first.</summary>
        public static IEnumerable<KeyValuePair<string, string>> CidrAssociations(VpcRecord v) =>
            new[] { new KeyValuePair<string, string>(PrimaryCidrAssociationId(v), v.CidrBlock) }.Concat(v.SecondaryCidrBlocks);

        public static string PrimaryCidrAssociationId(VpcRecord v) => "vpc-cidr-assoc-" + v.Id.Substring(4);

        /// <summary>VpcCidrBlockAssociation.</summary>
        public static object?[] CidrAssociation(string associationId, string block) => new object?[]
        {
            E("associationId", associationId), E("cidrBlock", block), E("cidrBlockState", E("state", "associated")),
        };

        public static object?[] Subnet(SubnetRecord s, string region, string account) => new object?[]
        {
            E("subnetId", s.Id),
            E("subnetArn", $"arn:aws:ec2:{region}:{account}:subnet/{s.Id}"),
            E("state", "available"),
            E("ownerId", account),
            E("vpcId", s.VpcId),
            E("cidrBlock", s.CidrBlock),
            E("availableIpAddressCount", "250"),
            E("availabilityZone", s.AvailabilityZone),
            E("availabilityZoneId", ZoneId(s.AvailabilityZone)),
            E("defaultForAz", "false"),
            E("mapPublicIpOnLaunch", "false"),
            E("assignIpv6AddressOnCreation", "false"),
            s.Tags.Count > 0 ? TagSet(s.Tags) : null,
        };

        public static object?[] NetworkInterface(RegionState region, NetworkInterfaceRecord eni, string account)
        {
            var address = region.AddressFor(eni);
            var association = address == null ? null : E("association", E("publicIp", address.PublicIp), E("publicDnsName", ""),
                E("ipOwnerId", account), E("allocationId", address.Id), Opt("associationId", address.AssociationId));
            return new object?[]
            {
                E("networkInterfaceId", eni.Id),
                E("subnetId", eni.SubnetId),
                E("vpcId", eni.VpcId),
                E("availabilityZone", eni.AvailabilityZone),
                E("description", eni.Description),
                E("ownerId", account),
                E("requesterManaged", "false"),
                E("status", eni.AttachedInstanceId == null ? "available" : "in-use"),
                E("macAddress", eni.MacAddress),
                E("privateIpAddress", eni.PrivateIpAddresses.FirstOrDefault() ?? ""),
                E("sourceDestCheck", Bool(eni.SourceDestCheck)),
                Set("groupSet", InstanceXml.Groups(region, eni.SecurityGroupIds), g => g),
                eni.AttachedInstanceId == null ? null : E("attachment", E("attachmentId", eni.AttachmentId),
                    E("instanceId", eni.AttachedInstanceId), E("instanceOwnerId", account), E("deviceIndex", Int(eni.DeviceIndex)),
                    E("status", "attached"), E("deleteOnTermination", Bool(eni.DeviceIndex == 0)), E("networkCardIndex", "0")),
                association,
                TagSet(eni.Tags),
                Set("privateIpAddressesSet", eni.PrivateIpAddresses.Select((ip, n) => (ip, n)), p => new object?[]
                {
                    E("privateIpAddress", p.ip),
                    E("primary", Bool(p.n == 0)),
                    address != null && address.PrivateIpAddress == p.ip ? association : null,
                }),
                E("interfaceType", "interface"),
            };
        }

        public static object?[] Address(AddressRecord a, string account) => new object?[]
        {
            E("publicIp", a.PublicIp),
            E("allocationId", a.Id),
            E("domain", "vpc"),
            Opt("instanceId", a.InstanceId),
            Opt("associationId", a.AssociationId),
            Opt("networkInterfaceId", a.NetworkInterfaceId),
            a.NetworkInterfaceId == null ? null : E("networkInterfaceOwnerId", account),
            Opt("privateIpAddress", a.PrivateIpAddress),
            a.Tags.Count > 0 ? TagSet(a.Tags) : null,
            E("publicIpv4Pool", "amazon"),
        };

        /// <summary>A stable made-up zone id (apne1-az1 style) for a zone name.</summary>
        public static string ZoneId(string zone)
        {
            var region = zone.Substring(0, zone.Length - 1);
            var parts = region.Split('-');
            var shortName = parts[0] + string.Concat(parts.Skip(1).Take(parts.Length - 2).Select(p => p.Substring(0, 1))) + parts[parts.Length - 1];
            return shortName + "-az" + (zone[zone.Length - 1] - 'a' + 1);
        }
    }
}
