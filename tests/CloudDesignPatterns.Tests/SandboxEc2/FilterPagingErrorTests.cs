using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class FilterPagingErrorTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        private static string[] InstanceIds(System.Xml.Linq.XElement root) =>
            Items(root, "reservationSet").SelectMany(r => Items(r, "instancesSet")).Select(i => Child(i, "instanceId")!).ToArray();

        [Fact]
        public void Filters_combine_with_and_and_values_with_or()
        {
            Assert.Equal(new[] { SandboxSeed.Web1, SandboxSeed.Web2 },
                InstanceIds(_ec2.Call("DescribeInstances", ("Filter.1.Name", "tag:Role"), ("Filter.1.Value.1", "web"))));
            Assert.Equal(new[] { SandboxSeed.Web1 }, InstanceIds(_ec2.Call("DescribeInstances",
                ("Filter.1.Name", "tag:Role"), ("Filter.1.Value.1", "web"), ("Filter.2.Name", "availability-zone"), ("Filter.2.Value.1", "ap-northeast-1a"))));
            Assert.Equal(new[] { SandboxSeed.Batch1 },
                InstanceIds(_ec2.Call("DescribeInstances", ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "stopped"))));
            Assert.Equal(new[] { SandboxSeed.Db1 }, InstanceIds(_ec2.Call("DescribeInstances",
                ("Filter.1.Name", "tag-key"), ("Filter.1.Value.1", "cdp:snapshot:image"))));
            Assert.Equal(new[] { SandboxSeed.Web1, SandboxSeed.Web2 },
                InstanceIds(_ec2.Call("DescribeInstances", ("Filter.1.Name", "tag:Name"), ("Filter.1.Value.1", "web-*"))));
            Assert.Equal("InvalidParameterValue", _ec2.Fails("DescribeInstances", ("Filter.1.Name", "bogus"), ("Filter.1.Value.1", "x")).Code);
        }

        [Fact]
        public void Volume_filters_find_an_instances_volumes()
        {
            var root = _ec2.Call("DescribeVolumes", ("Filter.1.Name", "attachment.instance-id"), ("Filter.1.Value.1", SandboxSeed.Db1));
            Assert.Equal(new[] { SandboxSeed.Db1RootVolume, SandboxSeed.Db1DataVolume1, SandboxSeed.Db1DataVolume2 }, Texts(root, "volumeId").Distinct());
            var backup = _ec2.Call("DescribeVolumes", ("Filter.1.Name", "tag:Backup"), ("Filter.1.Value.1", "yes"));
            Assert.Equal(SandboxSeed.Web1DataVolume, Items(backup, "volumeSet").Single().Element(Ns + "volumeId")!.Value);
        }

        [Fact]
        public void MaxResults_pages_through_every_volume_exactly_once()
        {
            var first = _ec2.Call("DescribeVolumes", ("MaxResults", "5"));
            Assert.Equal(5, Items(first, "volumeSet").Count);
            var token = Child(first, "nextToken");
            Assert.False(string.IsNullOrEmpty(token));
            var second = _ec2.Call("DescribeVolumes", ("MaxResults", "5"), ("NextToken", token!));
            Assert.Equal(3, Items(second, "volumeSet").Count);
            Assert.Null(Child(second, "nextToken"));
            var all = Items(first, "volumeSet").Concat(Items(second, "volumeSet")).Select(v => Child(v, "volumeId")).ToList();
            Assert.Equal(8, all.Distinct().Count());
        }

        [Fact]
        public void DescribeTags_filters_by_resource_and_pages()
        {
            var web1 = _ec2.Call("DescribeTags", ("Filter.1.Name", "resource-id"), ("Filter.1.Value.1", SandboxSeed.Web1));
            Assert.Equal(new[] { "Name", "Role", "cdp:snapshot:policy", "cdp:snapshot:keep-generations" }, Texts(web1, "key"));
            var page = _ec2.Call("DescribeTags", ("MaxResults", "5"));
            Assert.Equal(5, Items(page, "tagSet").Count);
            Assert.NotNull(Child(page, "nextToken"));
            var volumes = _ec2.Call("DescribeTags", ("Filter.1.Name", "resource-type"), ("Filter.1.Value.1", "volume"));
            Assert.All(Texts(volumes, "resourceType"), t => Assert.Equal("volume", t));
        }

        [Theory]
        [InlineData("DescribeInstances", "InstanceId.1", "i-0000000000000000f", "InvalidInstanceID.NotFound")]
        [InlineData("DescribeInstances", "InstanceId.1", "i-nothex", "InvalidInstanceID.Malformed")]
        [InlineData("DescribeVolumes", "VolumeId.1", "vol-0000000000000000f", "InvalidVolume.NotFound")]
        [InlineData("DescribeSnapshots", "SnapshotId.1", "snap-0000000000000000f", "InvalidSnapshot.NotFound")]
        [InlineData("DescribeSnapshots", "SnapshotId.1", "snap-x", "InvalidSnapshotID.Malformed")]
        [InlineData("DescribeImages", "ImageId.1", "ami-0000000000000000f", "InvalidAMIID.NotFound")]
        [InlineData("DescribeImages", "ImageId.1", "ami-zz", "InvalidAMIID.Malformed")]
        [InlineData("DescribeRouteTables", "RouteTableId.1", "rtb-0000000000000000f", "InvalidRouteTableID.NotFound")]
        [InlineData("DescribeSecurityGroups", "GroupId.1", "sg-0000000000000000f", "InvalidGroup.NotFound")]
        [InlineData("DescribeAddresses", "AllocationId.1", "eipalloc-0000000000000000f", "InvalidAllocationID.NotFound")]
        [InlineData("DescribeNetworkInterfaces", "NetworkInterfaceId.1", "eni-0000000000000000f", "InvalidNetworkInterfaceID.NotFound")]
        [InlineData("DescribeSubnets", "SubnetId.1", "subnet-0000000000000000f", "InvalidSubnetID.NotFound")]
        [InlineData("DescribeVpcs", "VpcId.1", "vpc-0000000000000000f", "InvalidVpcID.NotFound")]
        public void Unknown_and_malformed_ids_get_aws_codes(string action, string key, string id, string code)
        {
            var error = _ec2.Fails(action, (key, id));
            Assert.Equal(code, error.Code);
            Assert.Equal(400, error.HttpStatus);
            Assert.Contains(id, error.Message);
        }

        [Fact]
        public void MaxResults_with_InstanceId_is_an_invalid_combination_and_unknown_action_is_rejected()
        {
            Assert.Equal("InvalidParameterCombination",
                _ec2.Fails("DescribeInstances", ("InstanceId.1", SandboxSeed.Web1), ("MaxResults", "5")).Code);
            Assert.Equal("InvalidParameterValue", _ec2.Fails("DescribeInstances", ("MaxResults", "2")).Code);
            var unknown = Assert.Throws<SandboxServiceException>(() => _ec2.Call("FlyToTheMoon"));
            Assert.Equal("InvalidAction", unknown.Code);
        }

        [Fact]
        public void Stop_and_start_transition_with_the_clock()
        {
            var stop = _ec2.Call("StopInstances", ("InstanceId.1", SandboxSeed.Web2));
            var change = Items(stop, "instancesSet").Single();
            Assert.Equal("running", change.Element(Ns + "previousState")!.Element(Ns + "name")!.Value);
            Assert.Equal("stopping", change.Element(Ns + "currentState")!.Element(Ns + "name")!.Value);
            string State() => Texts(_ec2.Call("DescribeInstances", ("InstanceId.1", SandboxSeed.Web2)), "name").First();
            Assert.Equal("stopping", State());
            _ec2.Advance(System.TimeSpan.FromSeconds(1));
            Assert.Equal("stopped", State());
            _ec2.Call("StartInstances", ("InstanceId.1", SandboxSeed.Web2));
            Assert.Equal("pending", State());
            _ec2.Advance(System.TimeSpan.FromSeconds(1));
            Assert.Equal("running", State());
        }

        [Fact]
        public void CreateTags_and_DeleteTags_change_what_describes_show()
        {
            _ec2.Call("CreateTags", ("ResourceId.1", SandboxSeed.Web2), ("ResourceId.2", SandboxSeed.Web2DataVolume),
                ("Tag.1.Key", "Team"), ("Tag.1.Value", "blue"));
            var tagged = _ec2.Call("DescribeTags", ("Filter.1.Name", "key"), ("Filter.1.Value.1", "Team"));
            Assert.Equal(new[] { SandboxSeed.Web2, SandboxSeed.Web2DataVolume }, Texts(tagged, "resourceId"));
            _ec2.Call("DeleteTags", ("ResourceId.1", SandboxSeed.Web2), ("Tag.1.Key", "Team"), ("Tag.1.Value", "red"));
            Assert.Equal(2, Items(_ec2.Call("DescribeTags", ("Filter.1.Name", "key"), ("Filter.1.Value.1", "Team")), "tagSet").Count);
            _ec2.Call("DeleteTags", ("ResourceId.1", SandboxSeed.Web2), ("Tag.1.Key", "Team"));
            Assert.Equal(new[] { SandboxSeed.Web2DataVolume }, Texts(_ec2.Call("DescribeTags", ("Filter.1.Name", "key"), ("Filter.1.Value.1", "Team")), "resourceId"));
            Assert.Equal("InvalidVolume.NotFound", _ec2.Fails("CreateTags", ("ResourceId.1", "vol-0000000000000000f"), ("Tag.1.Key", "a"), ("Tag.1.Value", "b")).Code);
        }
    }
}
