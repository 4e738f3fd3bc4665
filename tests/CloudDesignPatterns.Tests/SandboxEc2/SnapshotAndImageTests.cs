using System;
using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class SnapshotAndImageTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        private string[] SnapshotsOf(params (string, string)[] filters) =>
            Items(_ec2.Call("DescribeSnapshots", filters.Prepend(("Owner.1", "self")).ToArray()), "snapshotSet")
                .Select(s => Child(s, "snapshotId")!).ToArray();

        [Fact]
        public void CreateSnapshots_tags_each_volume_snapshot_and_completes_after_the_delay()
        {
            var root = _ec2.Call("CreateSnapshots",
                ("InstanceSpecification.InstanceId", SandboxSeed.Web1), ("Description", "nightly"), ("CopyTagsFromSource", "volume"),
                ("TagSpecification.1.ResourceType", "snapshot"),
                ("TagSpecification.1.Tag.1.Key", "cdp:snapshot:set"), ("TagSpecification.1.Tag.1.Value", "web-1-2026"));
            var created = Items(root, "snapshotSet");
            Assert.Equal(new[] { SandboxSeed.Web1RootVolume, SandboxSeed.Web1DataVolume }, created.Select(s => Child(s, "volumeId")));
            Assert.All(created, s => Assert.Equal("pending", Child(s, "state")));
            var data = created[1];
            var tags = Items(data, "tagSet").ToDictionary(t => Child(t, "key")!, t => Child(t, "value"));
            Assert.Equal("web-1-2026", tags["cdp:snapshot:set"]);
            Assert.Equal("yes", tags["Backup"]);   // copied from the volume
            Assert.Equal("nightly", Child(data, "description"));

            var id = Child(data, "snapshotId")!;
            _ec2.Advance(TimeSpan.FromSeconds(1));
            var half = Items(_ec2.Call("DescribeSnapshots", ("SnapshotId.1", id)), "snapshotSet").Single();
            Assert.Equal("pending", Child(half, "status"));
            Assert.Equal("50%", Child(half, "progress"));
            _ec2.Advance(TimeSpan.FromSeconds(1));
            var done = Items(_ec2.Call("DescribeSnapshots", ("SnapshotId.1", id)), "snapshotSet").Single();
            Assert.Equal("completed", Child(done, "status"));
            Assert.Equal("100%", Child(done, "progress"));
            Assert.Equal(2, SnapshotsOf(("Filter.1.Name", "tag:cdp:snapshot:set"), ("Filter.1.Value.1", "web-1-2026")).Length);
        }

        [Fact]
        public void CreateSnapshots_can_exclude_boot_and_named_data_volumes()
        {
            var root = _ec2.Call("CreateSnapshots", ("InstanceSpecification.InstanceId", SandboxSeed.Db1),
                ("InstanceSpecification.ExcludeBootVolume", "true"), ("InstanceSpecification.ExcludeDataVolumeId.1", SandboxSeed.Db1DataVolume2));
            Assert.Equal(new[] { SandboxSeed.Db1DataVolume1 }, Texts(root, "volumeId"));
        }

        [Fact]
        public void DescribeSnapshots_owner_self_hides_amazon_snapshots_and_pages()
        {
            Assert.Empty(SnapshotsOf());
            for (var n = 0; n < 6; n++) _ec2.Call("CreateSnapshot", ("VolumeId", SandboxSeed.Web2DataVolume));
            var first = _ec2.Call("DescribeSnapshots", ("Owner.1", "self"), ("MaxResults", "5"));
            Assert.Equal(5, Items(first, "snapshotSet").Count);
            var second = _ec2.Call("DescribeSnapshots", ("Owner.1", "self"), ("MaxResults", "5"), ("NextToken", Child(first, "nextToken")!));
            Assert.Single(Items(second, "snapshotSet"));
            Assert.Single(Items(_ec2.Call("DescribeSnapshots", ("Owner.1", "amazon")), "snapshotSet"));
        }

        [Fact]
        public void CreateImage_snapshots_every_volume_and_becomes_available()
        {
            var imageId = Child(_ec2.Call("CreateImage", ("InstanceId", SandboxSeed.Db1), ("Name", "db-1-2026"), ("NoReboot", "true"),
                ("TagSpecification.1.ResourceType", "image"), ("TagSpecification.1.Tag.1.Key", "cdp:managed-by"), ("TagSpecification.1.Tag.1.Value", "cdp"),
                ("TagSpecification.2.ResourceType", "snapshot"), ("TagSpecification.2.Tag.1.Key", "cdp:image"), ("TagSpecification.2.Tag.1.Value", "db-1")), "imageId")!;
            Assert.StartsWith("ami-", imageId);
            var image = Items(_ec2.Call("DescribeImages", ("ImageId.1", imageId)), "imagesSet").Single();
            Assert.Equal("pending", Child(image, "imageState"));
            var snapshotIds = Items(image, "blockDeviceMapping").Select(b => b.Element(Ns + "ebs")!.Element(Ns + "snapshotId")!.Value).ToList();
            Assert.Equal(3, snapshotIds.Count);
            Assert.Equal(3, SnapshotsOf(("Filter.1.Name", "tag:cdp:image"), ("Filter.1.Value.1", "db-1")).Length);
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var self = Items(_ec2.Call("DescribeImages", ("Owner.1", "self"), ("Filter.1.Name", "tag:cdp:managed-by"), ("Filter.1.Value.1", "cdp")), "imagesSet").Single();
            Assert.Equal("available", Child(self, "imageState"));
            Assert.Equal("InvalidAMIName.Duplicate", _ec2.Fails("CreateImage", ("InstanceId", SandboxSeed.Db1), ("Name", "db-1-2026")).Code);
            var bySnapshot = _ec2.Call("DescribeImages", ("Filter.1.Name", "block-device-mapping.snapshot-id"), ("Filter.1.Value.1", snapshotIds[1]));
            Assert.Equal(new[] { imageId }, Texts(bySnapshot, "imageId"));
        }

        [Fact]
        public void DeleteSnapshot_used_by_an_image_is_InUse_until_deregistered()
        {
            var imageId = Child(_ec2.Call("CreateImage", ("InstanceId", SandboxSeed.Batch1), ("Name", "batch-1")), "imageId")!;
            var snapshotId = Texts(_ec2.Call("DescribeImages", ("ImageId.1", imageId)), "snapshotId").Single();
            Assert.Equal("InvalidSnapshot.InUse", _ec2.Fails("DeleteSnapshot", ("SnapshotId", snapshotId)).Code);
            _ec2.Call("DeregisterImage", ("ImageId", imageId));
            _ec2.Call("DeleteSnapshot", ("SnapshotId", snapshotId));
            Assert.Equal("InvalidSnapshot.NotFound", _ec2.Fails("DeleteSnapshot", ("SnapshotId", snapshotId)).Code);
        }

        [Fact]
        public void CopySnapshot_creates_a_pending_copy_in_the_calls_region()
        {
            var source = Child(_ec2.Call("CreateSnapshot", ("VolumeId", SandboxSeed.Web1DataVolume)), "snapshotId")!;
            var early = Assert.Throws<CloudDesignPatterns.Sandbox.Contracts.SandboxServiceException>(() =>
                _ec2.CallIn(SandboxSeed.DrRegion, "CopySnapshot", ("SourceRegion", SandboxSeed.Region), ("SourceSnapshotId", source)));
            Assert.Equal("IncorrectState", early.Code);
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var copy = _ec2.CallIn(SandboxSeed.DrRegion, "CopySnapshot", ("SourceRegion", SandboxSeed.Region), ("SourceSnapshotId", source),
                ("Description", "dr copy"), ("TagSpecification.1.ResourceType", "snapshot"), ("TagSpecification.1.Tag.1.Key", "cdp:source"),
                ("TagSpecification.1.Tag.1.Value", source), ("PresignedUrl", "https://ignored"));
            var copyId = Child(copy, "snapshotId")!;
            Assert.Equal(source, Texts(copy, "value").Single());
            var inDr = Items(_ec2.CallIn(SandboxSeed.DrRegion, "DescribeSnapshots", ("Owner.1", "self")), "snapshotSet").Single();
            Assert.Equal(copyId, Child(inDr, "snapshotId"));
            Assert.Equal("pending", Child(inDr, "status"));
            Assert.Equal("100", Child(inDr, "volumeSize"));
            Assert.Equal("InvalidSnapshot.NotFound", _ec2.Fails("DescribeSnapshots", ("SnapshotId.1", copyId)).Code);
        }

        [Fact]
        public void CopyImage_copies_the_image_and_its_snapshots()
        {
            var imageId = Child(_ec2.Call("CreateImage", ("InstanceId", SandboxSeed.Web2), ("Name", "web-2-img"),
                ("TagSpecification.1.ResourceType", "image"), ("TagSpecification.1.Tag.1.Key", "Role"), ("TagSpecification.1.Tag.1.Value", "web")), "imageId")!;
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var copyId = Child(_ec2.CallIn(SandboxSeed.DrRegion, "CopyImage", ("SourceRegion", SandboxSeed.Region), ("SourceImageId", imageId),
                ("Name", "web-2-img-dr"), ("CopyImageTags", "true")), "imageId")!;
            var copy = Items(_ec2.CallIn(SandboxSeed.DrRegion, "DescribeImages", ("ImageId.1", copyId)), "imagesSet").Single();
            Assert.Equal("web", Items(copy, "tagSet").Single().Element(Ns + "value")!.Value);
            Assert.Equal(imageId, Child(copy, "sourceImageId"));
            Assert.Equal(2, Items(_ec2.CallIn(SandboxSeed.DrRegion, "DescribeSnapshots", ("Owner.1", "self")), "snapshotSet").Count);
        }

        [Fact]
        public void RunInstances_from_an_image_restores_its_volumes_and_starts_pending()
        {
            var imageId = Child(_ec2.Call("CreateImage", ("InstanceId", SandboxSeed.Web1), ("Name", "web-1-img")), "imageId")!;
            Assert.Equal("InvalidAMIID.Unavailable", _ec2.Fails("RunInstances", ("ImageId", imageId), ("MinCount", "1"), ("MaxCount", "1")).Code);
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var run = _ec2.Call("RunInstances", ("ImageId", imageId), ("InstanceType", "t3.micro"), ("MinCount", "1"), ("MaxCount", "1"),
                ("SubnetId", SandboxSeed.SubnetC), ("SecurityGroupId.1", SandboxSeed.WebSecurityGroupId),
                ("TagSpecification.1.ResourceType", "instance"), ("TagSpecification.1.Tag.1.Key", "Name"), ("TagSpecification.1.Tag.1.Value", "web-3"));
            var instance = Items(run, "instancesSet").Single();
            var id = Child(instance, "instanceId")!;
            Assert.Equal("pending", instance.Element(Ns + "instanceState")!.Element(Ns + "name")!.Value);
            Assert.Equal("ap-northeast-1c", instance.Element(Ns + "placement")!.Element(Ns + "availabilityZone")!.Value);
            var volumes = Items(_ec2.Call("DescribeVolumes", ("Filter.1.Name", "attachment.instance-id"), ("Filter.1.Value.1", id)), "volumeSet");
            Assert.Equal(new[] { "8", "100" }, volumes.Select(v => Child(v, "size")));
            Assert.All(volumes, v => Assert.StartsWith("snap-", Child(v, "snapshotId")));
            _ec2.Advance(TimeSpan.FromSeconds(1));
            var described = _ec2.Call("DescribeInstances", ("Filter.1.Name", "tag:Name"), ("Filter.1.Value.1", "web-3"));
            Assert.Equal("running", Texts(described, "name").First());
            _ec2.Call("TerminateInstances", ("InstanceId.1", id));
            _ec2.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal("terminated", Texts(_ec2.Call("DescribeInstances", ("InstanceId.1", id)), "name").First());
            Assert.Empty(Items(_ec2.Call("DescribeVolumes", ("Filter.1.Name", "attachment.instance-id"), ("Filter.1.Value.1", id)), "volumeSet"));
        }

        [Fact]
        public void CreateVolume_from_snapshot_then_attach_and_detach()
        {
            var snap = Child(_ec2.Call("CreateSnapshot", ("VolumeId", SandboxSeed.Web1DataVolume)), "snapshotId")!;
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var volume = _ec2.Call("CreateVolume", ("SnapshotId", snap), ("AvailabilityZone", "ap-northeast-1a"), ("VolumeType", "gp3"));
            var volumeId = Child(volume, "volumeId")!;
            Assert.Equal("100", Child(volume, "size"));
            Assert.Equal("InvalidParameterValue", _ec2.Fails("AttachVolume", ("VolumeId", volumeId), ("InstanceId", SandboxSeed.Web1), ("Device", "/dev/xvdf")).Code);
            var attach = _ec2.Call("AttachVolume", ("VolumeId", volumeId), ("InstanceId", SandboxSeed.Web1), ("Device", "/dev/xvdg"));
            Assert.Equal("attaching", Child(attach, "status"));
            Assert.Equal("VolumeInUse", _ec2.Fails("AttachVolume", ("VolumeId", volumeId), ("InstanceId", SandboxSeed.Db1), ("Device", "/dev/xvdh")).Code);
            _ec2.Call("DetachVolume", ("VolumeId", volumeId));
            Assert.Equal("available", Texts(_ec2.Call("DescribeVolumes", ("VolumeId.1", volumeId)), "status").First());
        }
    }
}
