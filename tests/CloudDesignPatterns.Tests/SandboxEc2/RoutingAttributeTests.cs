using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>What routing-based HA needs of the sandbox: source/dest check on interfaces, blackholes, VPC blocks, new tables.</summary>
    public class RoutingAttributeTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        private System.Xml.Linq.XElement Route(string table, string destination) =>
            Items(Items(_ec2.Call("DescribeRouteTables", ("RouteTableId.1", table)), "routeTableSet").Single(), "routeSet")
                .Single(r => Child(r, "destinationCidrBlock") == destination);

        [Fact]
        public void Source_dest_check_is_modified_and_described_on_the_interface()
        {
            Assert.Equal("true", _ec2.Call("DescribeNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni), ("Attribute", "sourceDestCheck"))
                .Element(Ns + "sourceDestCheck")!.Element(Ns + "value")!.Value);
            _ec2.Call("ModifyNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni), ("SourceDestCheck.Value", "false"));
            Assert.Equal("false", _ec2.Call("DescribeNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni), ("Attribute", "sourceDestCheck"))
                .Element(Ns + "sourceDestCheck")!.Element(Ns + "value")!.Value);
            // The instance shows its primary interface's setting.
            Assert.Equal("false", _ec2.Call("DescribeInstanceAttribute", ("InstanceId", SandboxSeed.Web2), ("Attribute", "sourceDestCheck"))
                .Element(Ns + "sourceDestCheck")!.Element(Ns + "value")!.Value);
            Assert.Equal("MissingParameter", _ec2.Fails("ModifyNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni)).Code);
            Assert.Equal("InvalidParameterCombination", _ec2.Fails("ModifyNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni),
                ("SourceDestCheck.Value", "true"), ("Description.Value", "x")).Code);
            Assert.Equal("InvalidNetworkInterfaceID.NotFound", _ec2.Fails("ModifyNetworkInterfaceAttribute", ("NetworkInterfaceId", "eni-0000000000000000f"),
                ("SourceDestCheck.Value", "false")).Code);
            Assert.Equal("InvalidParameterValue", _ec2.Fails("DescribeNetworkInterfaceAttribute", ("NetworkInterfaceId", SandboxSeed.Web2Eni), ("Attribute", "nope")).Code);
        }

        [Fact]
        public void A_route_to_a_stopped_instance_is_a_blackhole()
        {
            _ec2.Call("CreateRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32"), ("NetworkInterfaceId", SandboxSeed.Web2Eni));
            Assert.Equal("active", Child(Route(SandboxSeed.MainRouteTableId, "100.64.0.10/32"), "state"));
            _ec2.Call("StopInstances", ("InstanceId.1", SandboxSeed.Web2));
            var route = Route(SandboxSeed.MainRouteTableId, "100.64.0.10/32");
            Assert.Equal("blackhole", Child(route, "state"));
            Assert.Equal(SandboxSeed.Web2, Child(route, "instanceId"));
        }

        [Fact]
        public void An_instance_target_must_be_in_the_tables_vpc()
        {
            var vpc = Child(_ec2.Call("CreateVpc", ("CidrBlock", "172.31.0.0/16")).Element(Ns + "vpc")!, "vpcId")!;
            var table = _ec2.Call("CreateRouteTable", ("VpcId", vpc)).Element(Ns + "routeTable")!;
            var tableId = Child(table, "routeTableId")!;
            Assert.Equal("172.31.0.0/16", Child(Items(table, "routeSet").Single(), "destinationCidrBlock"));
            Assert.Equal("InvalidParameterValue", _ec2.Fails("CreateRoute", ("RouteTableId", tableId), ("DestinationCidrBlock", "100.64.0.10/32"),
                ("InstanceId", SandboxSeed.Web1)).Code);
            Assert.Equal("InvalidParameterValue", _ec2.Fails("CreateRoute", ("RouteTableId", tableId), ("DestinationCidrBlock", "100.64.0.10/32"),
                ("NetworkInterfaceId", SandboxSeed.Web1Eni)).Code);
            var subnet = _ec2.Call("CreateSubnet", ("VpcId", vpc), ("CidrBlock", "172.31.1.0/24")).Element(Ns + "subnet")!;
            Assert.Equal(vpc, Child(subnet, "vpcId"));
            Assert.Equal("InvalidSubnet.Range", _ec2.Fails("CreateSubnet", ("VpcId", vpc), ("CidrBlock", "10.9.0.0/24")).Code);
            Assert.Equal("InvalidSubnet.Conflict", _ec2.Fails("CreateSubnet", ("VpcId", vpc), ("CidrBlock", "172.31.1.128/25")).Code);
        }

        [Fact]
        public void A_secondary_cidr_block_is_listed_filtered_and_routed_locally()
        {
            var answer = _ec2.Call("AssociateVpcCidrBlock", ("VpcId", SandboxSeed.VpcId), ("CidrBlock", "100.96.0.0/16"));
            Assert.Equal("100.96.0.0/16", Child(answer.Element(Ns + "cidrBlockAssociation")!, "cidrBlock"));
            var vpc = Items(_ec2.Call("DescribeVpcs", ("Filter.1.Name", "cidr-block-association.cidr-block"), ("Filter.1.Value.1", "100.96.0.0/16")), "vpcSet").Single();
            Assert.Equal(new[] { SandboxSeed.VpcCidr, "100.96.0.0/16" }, Items(vpc, "cidrBlockAssociationSet").Select(a => Child(a, "cidrBlock")));
            Assert.Equal("local", Child(Route(SandboxSeed.RouteTableC, "100.96.0.0/16"), "gatewayId"));
            Assert.Equal("CidrConflict", _ec2.Fails("AssociateVpcCidrBlock", ("VpcId", SandboxSeed.VpcId), ("CidrBlock", "10.0.128.0/17")).Code);
            Assert.Equal("InvalidVpc.Range", _ec2.Fails("AssociateVpcCidrBlock", ("VpcId", SandboxSeed.VpcId), ("CidrBlock", "100.128.0.0/8")).Code);
        }
    }
}
