using System;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class SeededDescribeTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        [Fact]
        public void DescribeInstances_returns_the_four_seeded_instances_with_their_states()
        {
            var root = _ec2.Call("DescribeInstances");
            var instances = Items(root, "reservationSet").SelectMany(r => Items(r, "instancesSet")).ToList();
            Assert.Equal(new[] { SandboxSeed.Web1, SandboxSeed.Web2, SandboxSeed.Db1, SandboxSeed.Batch1 },
                instances.Select(i => Child(i, "instanceId")));
            var batch = instances.Single(i => Child(i, "instanceId") == SandboxSeed.Batch1);
            Assert.Equal("stopped", batch.Element(Ns + "instanceState")!.Element(Ns + "name")!.Value);
            Assert.Equal("80", batch.Element(Ns + "instanceState")!.Element(Ns + "code")!.Value);
        }

        [Fact]
        public void Web1_shows_its_interface_address_role_volumes_and_tags()
        {
            var root = _ec2.Call("DescribeInstances", ("InstanceId.1", SandboxSeed.Web1));
            var web1 = Items(root, "reservationSet").Single().Element(Ns + "instancesSet")!.Element(Ns + "item")!;
            Assert.Equal("10.0.1.10", Child(web1, "privateIpAddress"));
            Assert.Equal(SandboxSeed.Web1PublicIp, Child(web1, "ipAddress"));
            Assert.Equal("ap-northeast-1a", web1.Element(Ns + "placement")!.Element(Ns + "availabilityZone")!.Value);
            Assert.EndsWith("instance-profile/cdp-web-role", web1.Element(Ns + "iamInstanceProfile")!.Element(Ns + "arn")!.Value);
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf" }, Items(web1, "blockDeviceMapping").Select(b => Child(b, "deviceName")));
            Assert.Equal(new[] { SandboxSeed.WebSecurityGroupId, SandboxSeed.OpsSecurityGroupId }, Items(web1, "groupSet").Select(g => Child(g, "groupId")));
            var eni = Items(web1, "networkInterfaceSet").Single();
            Assert.Equal(SandboxSeed.Web1Eni, Child(eni, "networkInterfaceId"));
            Assert.Equal("0a:1b:2c:3d:4e:01", Child(eni, "macAddress"));
            var tags = Items(web1, "tagSet").ToDictionary(t => Child(t, "key")!, t => Child(t, "value"));
            Assert.Equal("7", tags["cdp:snapshot:keep-generations"]);
            Assert.Equal("enabled", web1.Element(Ns + "metadataOptions")!.Element(Ns + "instanceMetadataTags")!.Value);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Child(web1, "launchTime"));
        }

        [Fact]
        public void DescribeInstanceAttribute_userData_is_base64_of_the_script()
        {
            var root = _ec2.Call("DescribeInstanceAttribute", ("InstanceId", SandboxSeed.Web1), ("Attribute", "userData"));
            var value = root.Element(Ns + "userData")!.Element(Ns + "value")!.Value;
            Assert.Equal(SandboxSeed.Web1UserData, Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            var db = _ec2.Call("DescribeInstanceAttribute", ("InstanceId", SandboxSeed.Db1), ("Attribute", "userData"));
            Assert.Null(db.Element(Ns + "userData")!.Element(Ns + "value"));
        }

        [Fact]
        public void Network_describes_show_the_seeded_topology()
        {
            Assert.Equal(new[] { SandboxSeed.VpcId }, Texts(_ec2.Call("DescribeVpcs"), "vpcId"));
            Assert.Equal(new[] { SandboxSeed.SubnetA, SandboxSeed.SubnetC }, Items(_ec2.Call("DescribeSubnets"), "subnetSet").Select(s => Child(s, "subnetId")));
            var groups = Items(_ec2.Call("DescribeSecurityGroups"), "securityGroupInfo");
            Assert.Equal(new[] { "default", "web", "ops" }, groups.Select(g => Child(g, "groupName")));
            var web = groups.Single(g => Child(g, "groupName") == "web");
            Assert.Equal(new[] { "80", "443" }, Items(web, "ipPermissions").Select(p => Child(p, "fromPort")));
            var tables = Items(_ec2.Call("DescribeRouteTables"), "routeTableSet");
            Assert.Equal(2, tables.Count);
            var main = tables.Single(t => Child(t, "routeTableId") == SandboxSeed.MainRouteTableId);
            Assert.Contains(Items(main, "associationSet"), a => Child(a, "subnetId") == SandboxSeed.SubnetA);
            Assert.Contains(Items(main, "routeSet"), r => Child(r, "gatewayId") == SandboxSeed.InternetGatewayId);
            var address = Items(_ec2.Call("DescribeAddresses"), "addressesSet").Single();
            Assert.Equal(SandboxSeed.Web1AssociationId, Child(address, "associationId"));
            Assert.Equal(4, Items(_ec2.Call("DescribeNetworkInterfaces"), "networkInterfaceSet").Count);
            var dr = _ec2.CallIn(SandboxSeed.DrRegion, "DescribeSubnets");
            Assert.Equal(new[] { SandboxSeed.DrSubnetA }, Texts(dr, "subnetId"));
            Assert.Empty(Items(_ec2.CallIn("us-east-1", "DescribeInstances"), "reservationSet"));
        }

        [Fact]
        public void Regions_and_zones_cover_the_known_regions()
        {
            var regions = Texts(_ec2.Call("DescribeRegions"), "regionName").ToList();
            Assert.Equal(_ec2.Service.KnownRegions, regions);
            Assert.Contains("eu-north-1", regions);
            Assert.Equal(new[] { "ap-northeast-1a", "ap-northeast-1b", "ap-northeast-1c" }, Texts(_ec2.Call("DescribeAvailabilityZones"), "zoneName"));
        }

        [Fact]
        public void Instance_directory_serves_imds_view()
        {
            var view = _ec2.Service.Find(SandboxSeed.Web1)!;
            Assert.Equal("ap-northeast-1", view.Region);
            Assert.Equal("cdp-web-role", view.IamRoleName);
            Assert.Equal(SandboxSeed.Web1PublicIp, view.PublicIpAddress);
            Assert.True(view.InstanceMetadataTags);
            Assert.Equal("10.0.0.0/16", view.Interfaces[0].VpcCidrBlock);
            Assert.Null(_ec2.Service.Find("i-0000000000000000f"));
            _ec2.Service.SetInstanceMetadataTags(SandboxSeed.Web1, false);
            Assert.False(_ec2.Service.Find(SandboxSeed.Web1)!.InstanceMetadataTags);
        }
    }
}
