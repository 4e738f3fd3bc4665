using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>DescribeRegions, DescribeAvailabilityZones, DescribeVpcs, DescribeSubnets, DescribeNetworkInterfaces.</summary>
    internal static class NetworkQueryHandlers
    {
        private static readonly Dictionary<string, string> NoTags = new Dictionary<string, string>();

        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeRegions"] = DescribeRegions;
            map["DescribeAvailabilityZones"] = DescribeAvailabilityZones;
            map["DescribeVpcs"] = DescribeVpcs;
            map["DescribeSubnets"] = DescribeSubnets;
            map["DescribeNetworkInterfaces"] = DescribeNetworkInterfaces;
        }

        private static readonly FilterSpec<string> RegionSpec = new FilterSpec<string>
        {
            ["region-name"] = r => FilterSpec<string>.One(r),
            ["endpoint"] = r => FilterSpec<string>.One(Endpoint(r)),
            ["opt-in-status"] = r => FilterSpec<string>.One("opt-in-not-required"),
        };

        private static string Endpoint(string region) => $"ec2.{region}.amazonaws.com";

        private static IEnumerable<object?> DescribeRegions(Ec2Context ctx)
        {
            var names = ctx.P.List("RegionName");
            var unknown = names.Where(n => !ctx.World.HasRegion(n)).ToList();
            if (unknown.Count > 0) throw new SandboxServiceException("InvalidParameterValue", "Invalid region names: " + string.Join(", ", unknown));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var regions = names.Count > 0 ? names.Distinct() : ctx.World.Regions.Select(r => r.Name);
            var matching = ctx.Filters().Apply(regions, RegionSpec, _ => NoTags);
            yield return Set("regionInfo", matching, r => new object?[]
            {
                E("regionName", r), E("regionEndpoint", Endpoint(r)), E("optInStatus", "opt-in-not-required"),
            });
        }

        private static IEnumerable<object?> DescribeAvailabilityZones(Ec2Context ctx)
        {
            var zones = ctx.Region.AvailabilityZones;
            var names = ctx.P.List("ZoneName");
            var unknown = names.Where(n => !zones.Contains(n)).ToList();
            if (unknown.Count > 0)
                throw new SandboxServiceException("InvalidParameterValue", $"The zone '{unknown[0]}' does not exist.");
            Ec2ActionPolicy.Describe(ctx.Auth);
            var spec = new FilterSpec<string>
            {
                ["zone-name"] = z => FilterSpec<string>.One(z),
                ["zone-id"] = z => FilterSpec<string>.One(NetworkXml.ZoneId(z)),
                ["state"] = z => FilterSpec<string>.One("available"),
                ["region-name"] = z => FilterSpec<string>.One(ctx.Region.Name),
                ["zone-type"] = z => FilterSpec<string>.One("availability-zone"),
            };
            var matching = ctx.Filters().Apply(names.Count > 0 ? names.Distinct() : zones, spec, _ => NoTags);
            yield return Set("availabilityZoneInfo", matching, z => new object?[]
            {
                E("zoneName", z), E("zoneState", "available"), E("regionName", ctx.Region.Name), E("zoneId", NetworkXml.ZoneId(z)),
                E("zoneType", "availability-zone"), E("optInStatus", "opt-in-not-required"), E("groupName", ctx.Region.Name),
                E("networkBorderGroup", ctx.Region.Name), E("messageSet"),
            });
        }

        private static IEnumerable<object?> DescribeVpcs(Ec2Context ctx)
        {
            var vpcs = Lookup.RequestedOrAll(IdKind.Vpc, ctx.Region.Vpcs, ctx.P.List("VpcId"));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var spec = new FilterSpec<VpcRecord>
            {
                ["vpc-id"] = v => FilterSpec<VpcRecord>.One(v.Id),
                ["cidr"] = v => FilterSpec<VpcRecord>.One(v.CidrBlock),
                ["cidr-block-association.cidr-block"] = v => v.AllCidrBlocks,
                ["cidr-block-association.association-id"] = v => NetworkXml.CidrAssociations(v).Select(a => a.Key),
                ["is-default"] = v => FilterSpec<VpcRecord>.One(Bool(v.IsDefault)),
                ["state"] = v => FilterSpec<VpcRecord>.One("available"),
                ["owner-id"] = v => FilterSpec<VpcRecord>.One(ctx.Account),
            };
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(vpcs, spec), ctx.P);
            yield return Set("vpcSet", page, v => NetworkXml.Vpc(v, ctx.Account));
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> DescribeSubnets(Ec2Context ctx)
        {
            var subnets = Lookup.RequestedOrAll(IdKind.Subnet, ctx.Region.Subnets, ctx.P.List("SubnetId"));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var spec = new FilterSpec<SubnetRecord>
            {
                ["subnet-id"] = s => FilterSpec<SubnetRecord>.One(s.Id),
                ["vpc-id"] = s => FilterSpec<SubnetRecord>.One(s.VpcId),
                ["availability-zone"] = s => FilterSpec<SubnetRecord>.One(s.AvailabilityZone),
                ["cidr-block"] = s => FilterSpec<SubnetRecord>.One(s.CidrBlock),
                ["state"] = s => FilterSpec<SubnetRecord>.One("available"),
                ["default-for-az"] = s => FilterSpec<SubnetRecord>.One("false"),
            };
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(subnets, spec), ctx.P);
            yield return Set("subnetSet", page, s => NetworkXml.Subnet(s, ctx.Region.Name, ctx.Account));
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> DescribeNetworkInterfaces(Ec2Context ctx)
        {
            var enis = Lookup.RequestedOrAll(IdKind.NetworkInterface, ctx.Region.NetworkInterfaces, ctx.P.List("NetworkInterfaceId"));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var spec = new FilterSpec<NetworkInterfaceRecord>
            {
                ["network-interface-id"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.Id),
                ["attachment.instance-id"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.AttachedInstanceId),
                ["attachment.device-index"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.AttachedInstanceId == null ? null : Int(e.DeviceIndex)),
                ["vpc-id"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.VpcId),
                ["subnet-id"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.SubnetId),
                ["availability-zone"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.AvailabilityZone),
                ["private-ip-address"] = e => e.PrivateIpAddresses,
                ["addresses.private-ip-address"] = e => e.PrivateIpAddresses,
                ["mac-address"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.MacAddress),
                ["group-id"] = e => e.SecurityGroupIds,
                ["status"] = e => FilterSpec<NetworkInterfaceRecord>.One(e.AttachedInstanceId == null ? "available" : "in-use"),
            };
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(enis, spec), ctx.P);
            yield return Set("networkInterfaceSet", page, e => NetworkXml.NetworkInterface(ctx.Region, e, ctx.Account));
            yield return Opt("nextToken", next);
        }
    }
}
