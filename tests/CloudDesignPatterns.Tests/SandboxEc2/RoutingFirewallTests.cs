using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class RoutingFirewallTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        private System.Xml.Linq.XElement Route(string table, string destination) =>
            Items(Items(_ec2.Call("DescribeRouteTables", ("RouteTableId.1", table)), "routeTableSet").Single(), "routeSet")
                .Single(r => Child(r, "destinationCidrBlock") == destination);

        [Fact]
        public void Virtual_ip_route_follows_create_replace_delete_semantics()
        {
            Assert.Equal("InvalidParameterValue", _ec2.Fails("ReplaceRoute", ("RouteTableId", SandboxSeed.MainRouteTableId),
                ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web1)).Code);
            _ec2.Call("CreateRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web1));
            var route = Route(SandboxSeed.MainRouteTableId, "100.64.0.10/32");
            Assert.Equal(SandboxSeed.Web1, Child(route, "instanceId"));
            Assert.Equal(SandboxSeed.Web1Eni, Child(route, "networkInterfaceId"));
            Assert.Equal("RouteAlreadyExists", _ec2.Fails("CreateRoute", ("RouteTableId", SandboxSeed.MainRouteTableId),
                ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web2)).Code);
            _ec2.Call("ReplaceRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32"), ("NetworkInterfaceId", SandboxSeed.Web2Eni));
            route = Route(SandboxSeed.MainRouteTableId, "100.64.0.10/32");
            Assert.Equal(SandboxSeed.Web2, Child(route, "instanceId"));
            Assert.Equal(SandboxSeed.Web2Eni, Child(route, "networkInterfaceId"));
            _ec2.Call("DeleteRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32"));
            Assert.Equal("InvalidRoute.NotFound", _ec2.Fails("DeleteRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32")).Code);
            Assert.Equal("InvalidRouteTableID.NotFound", _ec2.Fails("CreateRoute", ("RouteTableId", "rtb-0000000000000000f"),
                ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web1)).Code);
        }

        [Fact]
        public void SourceDestCheck_is_modified_on_the_primary_interface()
        {
            _ec2.Call("ModifyInstanceAttribute", ("InstanceId", SandboxSeed.Web1), ("SourceDestCheck.Value", "false"));
            var attr = _ec2.Call("DescribeInstanceAttribute", ("InstanceId", SandboxSeed.Web1), ("Attribute", "sourceDestCheck"));
            Assert.Equal("false", attr.Element(Ns + "sourceDestCheck")!.Element(Ns + "value")!.Value);
            var eni = Items(_ec2.Call("DescribeNetworkInterfaces", ("NetworkInterfaceId.1", SandboxSeed.Web1Eni)), "networkInterfaceSet").Single();
            Assert.Equal("false", Child(eni, "sourceDestCheck"));
        }

        [Fact]
        public void Elastic_ip_moves_only_with_reassociation()
        {
            var moveWithout = _ec2.Fails("AssociateAddress", ("AllocationId", SandboxSeed.Web1AllocationId), ("InstanceId", SandboxSeed.Web2));
            Assert.Equal("Resource.AlreadyAssociated", moveWithout.Code);
            var moved = _ec2.Call("AssociateAddress", ("AllocationId", SandboxSeed.Web1AllocationId), ("InstanceId", SandboxSeed.Web2), ("AllowReassociation", "true"));
            var associationId = Child(moved, "associationId")!;
            Assert.StartsWith("eipassoc-", associationId);
            var address = Items(_ec2.Call("DescribeAddresses"), "addressesSet").Single();
            Assert.Equal(SandboxSeed.Web2, Child(address, "instanceId"));
            Assert.Equal("10.0.2.10", Child(address, "privateIpAddress"));
            _ec2.Call("DisassociateAddress", ("AssociationId", associationId));
            Assert.Null(Child(Items(_ec2.Call("DescribeAddresses"), "addressesSet").Single(), "instanceId"));
            var allocated = _ec2.Call("AllocateAddress", ("Domain", "vpc"));
            Assert.StartsWith("eipalloc-", Child(allocated, "allocationId"));
            Assert.Equal(2, Items(_ec2.Call("DescribeAddresses"), "addressesSet").Count);
        }

        [Fact]
        public void Secondary_private_ip_moves_only_with_reassignment()
        {
            _ec2.Call("AssignPrivateIpAddresses", ("NetworkInterfaceId", SandboxSeed.Web1Eni), ("PrivateIpAddress.1", "10.0.1.100"));
            Assert.Equal("InvalidIPAddress.InUse", _ec2.Fails("AssignPrivateIpAddresses", ("NetworkInterfaceId", SandboxSeed.Db1Eni), ("PrivateIpAddress.1", "10.0.1.100")).Code);
            _ec2.Call("AssignPrivateIpAddresses", ("NetworkInterfaceId", SandboxSeed.Db1Eni), ("PrivateIpAddress.1", "10.0.1.100"), ("AllowReassignment", "true"));
            var db = Items(_ec2.Call("DescribeNetworkInterfaces", ("NetworkInterfaceId.1", SandboxSeed.Db1Eni)), "networkInterfaceSet").Single();
            Assert.Equal(new[] { "10.0.1.20", "10.0.1.100" }, Items(db, "privateIpAddressesSet").Select(p => Child(p, "privateIpAddress")));
            var web = Items(_ec2.Call("DescribeNetworkInterfaces", ("NetworkInterfaceId.1", SandboxSeed.Web1Eni)), "networkInterfaceSet").Single();
            Assert.Single(Items(web, "privateIpAddressesSet"));
            _ec2.Call("UnassignPrivateIpAddresses", ("NetworkInterfaceId", SandboxSeed.Db1Eni), ("PrivateIpAddress.1", "10.0.1.100"));
            Assert.Equal("InvalidParameterValue", _ec2.Fails("UnassignPrivateIpAddresses", ("NetworkInterfaceId", SandboxSeed.Db1Eni), ("PrivateIpAddress.1", "10.0.1.100")).Code);
        }

        [Fact]
        public void Security_group_rules_reject_duplicates_and_missing_revokes()
        {
            var groupId = Child(_ec2.Call("CreateSecurityGroup", ("GroupName", "team-a"), ("GroupDescription", "team a"), ("VpcId", SandboxSeed.VpcId)), "groupId")!;
            (string, string)[] Rule() => new[] { ("GroupId", groupId), ("IpPermissions.1.IpProtocol", "tcp"), ("IpPermissions.1.FromPort", "22"),
                ("IpPermissions.1.ToPort", "22"), ("IpPermissions.1.IpRanges.1.CidrIp", "198.51.100.7/32") };
            _ec2.Call("AuthorizeSecurityGroupIngress", Rule());
            Assert.Equal("InvalidPermission.Duplicate", _ec2.Fails("AuthorizeSecurityGroupIngress", Rule()).Code);
            var group = Items(_ec2.Call("DescribeSecurityGroups", ("GroupId.1", groupId)), "securityGroupInfo").Single();
            Assert.Equal("198.51.100.7/32", Texts(group.Element(Ns + "ipPermissions")!, "cidrIp").Single());
            _ec2.Call("RevokeSecurityGroupIngress", Rule());
            Assert.Equal("InvalidPermission.NotFound", _ec2.Fails("RevokeSecurityGroupIngress", Rule()).Code);
            Assert.Equal("InvalidGroup.Duplicate", _ec2.Fails("CreateSecurityGroup", ("GroupName", "team-a"), ("GroupDescription", "again"), ("VpcId", SandboxSeed.VpcId)).Code);
            Assert.Equal("DependencyViolation", _ec2.Fails("DeleteSecurityGroup", ("GroupId", SandboxSeed.WebSecurityGroupId)).Code);
            _ec2.Call("DeleteSecurityGroup", ("GroupId", groupId));
            Assert.Equal("InvalidGroup.NotFound", _ec2.Fails("DeleteSecurityGroup", ("GroupId", groupId)).Code);
        }
    

        [Fact]
        public void Route_to_a_terminated_instance_becomes_a_blackhole()
        {
            _ec2.Call("CreateRoute", ("RouteTableId", SandboxSeed.RouteTableC), ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web2));
            Assert.Equal("active", Child(Route(SandboxSeed.RouteTableC, "100.64.0.10/32"), "state"));
            _ec2.Call("TerminateInstances", ("InstanceId.1", SandboxSeed.Web2));
            var shuttingDown = Items(Items(_ec2.Call("DescribeInstances", ("InstanceId.1", SandboxSeed.Web2)), "reservationSet").Single(), "instancesSet").Single();
            Assert.Equal("shutting-down", shuttingDown.Element(Ns + "instanceState")!.Element(Ns + "name")!.Value);
            Assert.Equal("blackhole", Child(Route(SandboxSeed.RouteTableC, "100.64.0.10/32"), "state"));
        }
    }
}
