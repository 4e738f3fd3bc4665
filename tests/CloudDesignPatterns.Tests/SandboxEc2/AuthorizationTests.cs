using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class AuthorizationTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();
        private const string Prefix = "arn:aws:ec2:ap-northeast-1:123456789012:";

        [Fact]
        public void CreateSnapshots_with_tags_asks_for_instance_volumes_snapshots_and_create_tags()
        {
            var root = _ec2.Call("CreateSnapshots", ("InstanceSpecification.InstanceId", SandboxSeed.Web1),
                ("TagSpecification.1.ResourceType", "snapshot"),
                ("TagSpecification.1.Tag.1.Key", "cdp:managed-by"), ("TagSpecification.1.Tag.1.Value", "cdp"),
                ("TagSpecification.1.Tag.2.Key", "cdp:snapshot:set"), ("TagSpecification.1.Tag.2.Value", "s1"));
            var snapshotIds = Texts(root, "snapshotId").ToList();
            var calls = _ec2.Authorizer.Calls;

            var instance = calls.Single(c => c.Arn == Prefix + "instance/" + SandboxSeed.Web1);
            Assert.Equal("ec2:CreateSnapshots", instance.Action);
            Assert.Equal(new[] { "web" }, instance.Keys["aws:ResourceTag/Role"]);
            Assert.Equal(new[] { "web" }, instance.Keys["ec2:ResourceTag/Role"]);

            var dataVolume = calls.Single(c => c.Arn == Prefix + "volume/" + SandboxSeed.Web1DataVolume);
            Assert.Equal("ec2:CreateSnapshots", dataVolume.Action);
            Assert.Equal(new[] { "yes" }, dataVolume.Keys["aws:ResourceTag/Backup"]);

            foreach (var id in snapshotIds)
            {
                var arn = "arn:aws:ec2:ap-northeast-1::snapshot/" + id;
                var create = calls.Single(c => c.Arn == arn && c.Action == "ec2:CreateSnapshots");
                Assert.Equal(new[] { "cdp" }, create.Keys["aws:RequestTag/cdp:managed-by"]);
                Assert.Equal(new[] { "cdp:managed-by", "cdp:snapshot:set" }, create.Keys["aws:TagKeys"]);
                var tagging = calls.Single(c => c.Arn == arn && c.Action == "ec2:CreateTags");
                Assert.Equal(new[] { "CreateSnapshots" }, tagging.Keys["ec2:CreateAction"]);
                Assert.Equal(new[] { "s1" }, tagging.Keys["aws:RequestTag/cdp:snapshot:set"]);
            }
            Assert.Equal(1 + 2 + 2 * 2, calls.Count);
        }

        [Fact]
        public void Describes_are_authorized_on_star()
        {
            _ec2.Call("DescribeInstances");
            var call = _ec2.Authorizer.Calls.Single();
            Assert.Equal("ec2:DescribeInstances", call.Action);
            Assert.Equal("*", call.Arn);
            Assert.Empty(call.Keys);
        }

        [Fact]
        public void Denied_action_changes_nothing()
        {
            _ec2.Authorizer.Deny = (action, arn) => action == "ec2:CreateTags";
            var denied = _ec2.Fails("CreateSnapshot", ("VolumeId", SandboxSeed.Web1DataVolume),
                ("TagSpecification.1.ResourceType", "snapshot"), ("TagSpecification.1.Tag.1.Key", "k"), ("TagSpecification.1.Tag.1.Value", "v"));
            Assert.Equal("UnauthorizedOperation", denied.Code);
            _ec2.Authorizer.Deny = null;
            Assert.Empty(Items(_ec2.Call("DescribeSnapshots", ("Owner.1", "self")), "snapshotSet"));
        }

        [Fact]
        public void CreateTags_is_authorized_per_resource_with_resource_and_request_tags()
        {
            _ec2.Call("CreateTags", ("ResourceId.1", SandboxSeed.Web1), ("ResourceId.2", SandboxSeed.BaseImageId), ("Tag.1.Key", "Team"), ("Tag.1.Value", "blue"));
            var calls = _ec2.Authorizer.Calls;
            Assert.Equal(new[] { Prefix + "instance/" + SandboxSeed.Web1, "arn:aws:ec2:ap-northeast-1::image/" + SandboxSeed.BaseImageId }, calls.Select(c => c.Arn));
            Assert.All(calls, c => Assert.Equal("ec2:CreateTags", c.Action));
            Assert.Equal(new[] { "blue" }, calls[0].Keys["aws:RequestTag/Team"]);
            Assert.Equal(new[] { "Team" }, calls[0].Keys["aws:TagKeys"]);
            Assert.Equal(new[] { "web-1" }, calls[0].Keys["aws:ResourceTag/Name"]);
        }

        [Fact]
        public void Route_and_copy_actions_name_their_resources()
        {
            _ec2.Call("CreateRoute", ("RouteTableId", SandboxSeed.RouteTableC), ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web2));
            Assert.Equal(Prefix + "route-table/" + SandboxSeed.RouteTableC, _ec2.Authorizer.Calls.Single().Arn);
            _ec2.Authorizer.Calls.Clear();
            var snap = Child(_ec2.Call("CreateSnapshot", ("VolumeId", SandboxSeed.Web2DataVolume)), "snapshotId")!;
            _ec2.Advance(System.TimeSpan.FromSeconds(5));
            _ec2.Authorizer.Calls.Clear();
            var copy = Child(_ec2.CallIn(SandboxSeed.DrRegion, "CopySnapshot", ("SourceRegion", SandboxSeed.Region), ("SourceSnapshotId", snap)), "snapshotId");
            Assert.Equal(new[] { "arn:aws:ec2:ap-northeast-1::snapshot/" + snap, "arn:aws:ec2:ap-southeast-1::snapshot/" + copy },
                _ec2.Authorizer.Calls.Select(c => c.Arn));
            Assert.All(_ec2.Authorizer.Calls, c => Assert.Equal("ec2:CopySnapshot", c.Action));
        }
    

        [Fact]
        public void DryRun_authorizes_then_answers_DryRunOperation_without_changing_anything()
        {
            var dry = _ec2.Fails("StopInstances", ("InstanceId.1", SandboxSeed.Web1), ("DryRun", "true"));
            Assert.Equal("DryRunOperation", dry.Code);
            Assert.Equal(412, dry.HttpStatus);
            Assert.Equal(Prefix + "instance/" + SandboxSeed.Web1, _ec2.Authorizer.Calls.Single().Arn);
            Assert.Equal("running", Texts(_ec2.Call("DescribeInstances", ("InstanceId.1", SandboxSeed.Web1)), "name").First());
            _ec2.Authorizer.Deny = (action, arn) => true;
            Assert.Equal("UnauthorizedOperation", _ec2.Fails("StopInstances", ("InstanceId.1", SandboxSeed.Web1), ("DryRun", "true")).Code);
        }
    }
}
