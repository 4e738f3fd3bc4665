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
    /// <summary>
    /// CreateVpc, CreateSubnet and CreateRouteTable, so a test or a benchmark can build the topology it needs (a second
    /// VPC, N route tables) with the same calls as against AWS. A new VPC gets its default security group, and a new
    /// route table a local route for every block of its VPC, as in AWS.
    /// </summary>
    internal static class VpcHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["CreateVpc"] = CreateVpc;
            map["CreateSubnet"] = CreateSubnet;
            map["CreateRouteTable"] = CreateRouteTable;
        }

        private static IEnumerable<object?> CreateVpc(Ec2Context ctx)
        {
            var block = Cidrs.Require(ctx.P.Get("CidrBlock"), "cidrBlock");
            if (Cidrs.Prefix(block) < 16 || Cidrs.Prefix(block) > 28) throw new SandboxServiceException("InvalidVpc.Range", $"The CIDR '{block}' is invalid.");
            var tags = Tagging.ForResourceType(ctx.P, "vpc", "vpc");
            var id = ctx.Ids.New("vpc");
            Ec2ActionPolicy.CreateVpc(ctx.Auth, id, tags);
            var vpc = new VpcRecord(id) { CidrBlock = block };
            Tagging.Apply(vpc.Tags, tags);
            ctx.Region.Vpcs[id] = vpc;
            SeedLoader.AddDefaultGroup(ctx.Region, ctx.Ids.New("sg"), id);
            yield return E("vpc", NetworkXml.Vpc(vpc, ctx.Account));
        }

        private static IEnumerable<object?> CreateSubnet(Ec2Context ctx)
        {
            var vpc = IdKind.Vpc.Find(ctx.Region.Vpcs, ctx.P.Required("VpcId"));
            var block = Cidrs.Require(ctx.P.Get("CidrBlock"), "cidrBlock");
            if (!vpc.AllCidrBlocks.Any(b => Cidrs.Within(block, b)))
                throw new SandboxServiceException("InvalidSubnet.Range", $"The CIDR '{block}' is invalid.");
            if (ctx.Region.Subnets.Values.Any(s => s.VpcId == vpc.Id && Cidrs.Overlap(s.CidrBlock, block)))
                throw new SandboxServiceException("InvalidSubnet.Conflict", $"The CIDR '{block}' conflicts with another subnet");
            var zone = ctx.P.Get("AvailabilityZone") ?? ctx.Region.AvailabilityZones.First();
            if (!ctx.Region.AvailabilityZones.Contains(zone))
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {string.Join(", ", ctx.Region.AvailabilityZones)}.");
            var tags = Tagging.ForResourceType(ctx.P, "subnet", "subnet");
            var id = ctx.Ids.New("subnet");
            Ec2ActionPolicy.CreateInVpc(ctx.Auth, Ec2Arns.Subnet(ctx.Region.Name, ctx.Account, id), vpc, tags);
            var subnet = new SubnetRecord(id) { VpcId = vpc.Id, CidrBlock = block, AvailabilityZone = zone };
            Tagging.Apply(subnet.Tags, tags);
            ctx.Region.Subnets[id] = subnet;
            yield return E("subnet", NetworkXml.Subnet(subnet, ctx.Region.Name, ctx.Account));
        }

        private static IEnumerable<object?> CreateRouteTable(Ec2Context ctx)
        {
            var vpc = IdKind.Vpc.Find(ctx.Region.Vpcs, ctx.P.Required("VpcId"));
            var tags = Tagging.ForResourceType(ctx.P, "route-table", "route-table");
            var id = ctx.Ids.New("rtb");
            Ec2ActionPolicy.CreateInVpc(ctx.Auth, Ec2Arns.RouteTable(ctx.Region.Name, ctx.Account, id), vpc, tags);
            var table = new RouteTableRecord(id) { VpcId = vpc.Id };
            foreach (var block in vpc.AllCidrBlocks)
                table.Routes.Add(new RouteRecord { DestinationCidrBlock = block, GatewayId = "local", Origin = "CreateRouteTable" });
            Tagging.Apply(table.Tags, tags);
            ctx.Region.RouteTables[id] = table;
            yield return E("routeTable", FirewallRoutingXml.RouteTable(ctx.Region, table, ctx.Account));
        }
    }

    /// <summary>IPv4 CIDR arithmetic for the VPC handlers.</summary>
    internal static class Cidrs
    {
        private static readonly System.Text.RegularExpressions.Regex Shape =
            new System.Text.RegularExpressions.Regex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})$");

        public static string Require(string? block, string parameter)
        {
            if (block == null) throw new SandboxServiceException("MissingParameter", $"The request must contain the parameter {parameter}");
            var m = Shape.Match(block);
            if (!m.Success || Enumerable.Range(1, 4).Any(n => int.Parse(m.Groups[n].Value) > 255) || int.Parse(m.Groups[5].Value) > 32)
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({block}) for parameter {parameter} is invalid. This is not a valid CIDR block.");
            return block;
        }

        public static int Prefix(string block) => int.Parse(block.Split('/')[1]);

        public static bool Overlap(string a, string b)
        {
            var mask = Mask(System.Math.Min(Prefix(a), Prefix(b)));
            return (Network(a) & mask) == (Network(b) & mask);
        }

        /// <summary>Whether <paramref name="inner"/> lies inside <paramref name="outer"/>.</summary>
        public static bool Within(string inner, string outer) => Prefix(inner) >= Prefix(outer) && Overlap(inner, outer);

        private static uint Network(string block) =>
            block.Split('/')[0].Split('.').Select(uint.Parse).Aggregate(0u, (acc, o) => (acc << 8) | o);

        private static uint Mask(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
    }
}
