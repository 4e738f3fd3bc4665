using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>Pure grouping of described snapshots and images into sets: members, states, image sets, unmanaged, order.</summary>
    public class SnapshotSetAssemblerTests
    {
        private const string Region = "ap-northeast-1";
        private static readonly DateTime T0 = new DateTime(2026, 11, 26, 22, 0, 0, DateTimeKind.Utc);

        private static List<Tag> SetTags(string setId, string instance = "i-0a1b2c3d4e5f60101", string policy = "nightly", string? devices = null, bool managed = true)
        {
            var tags = new List<Tag>
            {
                new Tag("Name", $"{policy}-{instance}-x"),
                new Tag(ManagedTags.SetIdKey, setId),
                new Tag(ManagedTags.PolicyKey, policy),
                new Tag(ManagedTags.SourceInstanceKey, instance),
                new Tag(SnapshotTags.DestinationRegionKey, "ap-southeast-1"),
            };
            if (managed) tags.Add(new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue));
            if (devices != null) tags.Add(new Tag(SnapshotTags.DevicesKey, devices));
            return tags;
        }

        private static Snapshot Snap(string id, string volume, string state, DateTime start, List<Tag>? tags, string progress = "100%", int size = 8)
            => new Snapshot { SnapshotId = id, VolumeId = volume, State = SnapshotState.FindValue(state), StartTime = start, Progress = progress, VolumeSize = size, Tags = tags };

        private static List<SnapshotSet> Assemble(IEnumerable<Snapshot> snapshots, IEnumerable<Image>? images = null, bool includeUnmanaged = false)
            => SnapshotSetAssembler.Assemble(snapshots, images ?? Enumerable.Empty<Image>(), Region, includeUnmanaged);

        [Fact]
        public void GroupsBySetId_WithDevicesFromTheTag()
        {
            var a = SetTags("ss-aaaaaaaaaaaaaaaa", devices: "vol-1=xvda,vol-2=xvdf");
            var b = SetTags("ss-bbbbbbbbbbbbbbbb", instance: "i-0a1b2c3d4e5f60102");
            var sets = Assemble(new[]
            {
                Snap("snap-a2", "vol-2", "completed", T0, a, size: 100),
                Snap("snap-b1", "vol-3", "completed", T0.AddMinutes(-1), b),
                Snap("snap-a1", "vol-1", "completed", T0, a),
                Snap("snap-b2", "vol-4", "completed", T0.AddMinutes(-1), b),
            });

            Assert.Equal(2, sets.Count);
            var first = sets.Single(s => s.SetId == "ss-aaaaaaaaaaaaaaaa");
            Assert.Equal(new[] { "snap-a1", "snap-a2" }, first.Snapshots.Select(s => s.SnapshotId)); // ordered by device
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf" }, first.Snapshots.Select(s => s.DeviceName));
            Assert.Equal(100, first.Snapshots[1].SizeGiB);
            Assert.Equal("i-0a1b2c3d4e5f60101", first.InstanceId);
            Assert.Equal("nightly", first.Policy);
            Assert.Equal(Region, first.Region);
            Assert.Equal("ap-southeast-1", first.DestinationRegion);
            Assert.Equal(SnapshotSetKind.Snapshots, first.Kind);
            Assert.True(first.Managed);
            Assert.Null(first.ImageId);
            var second = sets.Single(s => s.SetId == "ss-bbbbbbbbbbbbbbbb");
            Assert.Equal("i-0a1b2c3d4e5f60102", second.InstanceId);
            Assert.All(second.Snapshots, s => Assert.Null(s.DeviceName));
        }

        [Theory]
        [InlineData("completed", "completed", SnapshotSetState.Completed)]
        [InlineData("completed", "pending", SnapshotSetState.Pending)]
        [InlineData("pending", "error", SnapshotSetState.Failed)]
        [InlineData("completed", "error", SnapshotSetState.Failed)]
        public void StateOfASnapshotSet_FollowsItsWorstMember(string first, string second, SnapshotSetState expected)
        {
            var tags = SetTags("ss-cccccccccccccccc");
            var sets = Assemble(new[] { Snap("snap-1", "vol-1", first, T0, tags), Snap("snap-2", "vol-2", second, T0, tags, progress: "45%") });

            Assert.Equal(expected, sets.Single().State);
            Assert.Equal(45, sets.Single().Snapshots.Single(s => s.SnapshotId == "snap-2").Progress); // "45%" as EC2 reports it
        }

        [Theory]
        [InlineData("available", "completed", SnapshotSetState.Completed)]
        [InlineData("pending", "completed", SnapshotSetState.Pending)]
        [InlineData("available", "pending", SnapshotSetState.Pending)]
        [InlineData("failed", "completed", SnapshotSetState.Failed)]
        public void ImageSet_HasTheImageAndItsSnapshots(string imageState, string snapshotState, SnapshotSetState expected)
        {
            var tags = SetTags("ss-dddddddddddddddd", instance: "i-0a1b2c3d4e5f60103", policy: "weekly");
            var image = new Image
            {
                ImageId = "ami-0123456789abcdef0",
                Name = "weekly-i-0a1b2c3d4e5f60103-20261126-215900-ss-dddddddddddddddd",
                State = ImageState.FindValue(imageState),
                CreationDate = "2026-11-26T21:59:00.000Z",
                Tags = tags,
                BlockDeviceMappings = new List<BlockDeviceMapping>
                {
                    new BlockDeviceMapping { DeviceName = "/dev/xvda", Ebs = new EbsBlockDevice { SnapshotId = "snap-root" } },
                    new BlockDeviceMapping { DeviceName = "/dev/xvdf", Ebs = new EbsBlockDevice { SnapshotId = "snap-data" } },
                },
            };
            var snapshots = new[] { Snap("snap-data", "vol-6", snapshotState, T0, tags), Snap("snap-root", "vol-5", snapshotState, T0, tags) };

            var set = Assemble(snapshots, new[] { image }).Single();

            Assert.Equal(SnapshotSetKind.Image, set.Kind);
            Assert.Equal("ami-0123456789abcdef0", set.ImageId);
            Assert.Equal(image.Name, set.Name);
            Assert.Equal(expected, set.State);
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf" }, set.Snapshots.Select(s => s.DeviceName)); // from the image's mappings
            Assert.Equal(new[] { "snap-root", "snap-data" }, set.Snapshots.Select(s => s.SnapshotId));
            Assert.Equal(new DateTime(2026, 11, 26, 21, 59, 0, DateTimeKind.Utc), set.CreatedAt); // the earliest of image and snapshots
        }

        [Fact]
        public void MembersArrivingApart_AndASnapshotReadTwice_MakeOneSetWithEachSnapshotOnce()
        {
            var a = SetTags("ss-aaaaaaaaaaaaaaaa", devices: "vol-1=xvda,vol-2=xvdf,vol-3=xvdg");
            var b = SetTags("ss-bbbbbbbbbbbbbbbb", instance: "i-0a1b2c3d4e5f60102");
            var snapshots = new[]
            {
                Snap("snap-3", "vol-3", "completed", T0.AddSeconds(2), a), Snap("snap-b", "vol-9", "completed", T0, b),
                Snap("snap-1", "vol-1", "completed", T0.AddSeconds(1), a), Snap("snap-b", "vol-9", "completed", T0, b), // overlapping filter batches
                Snap("snap-2", "vol-2", "pending", T0.AddSeconds(3), a), Snap("snap-1", "vol-1", "completed", T0.AddSeconds(1), a),
            };

            var sets = Assemble(snapshots);

            var setA = Assert.Single(sets, s => s.SetId == "ss-aaaaaaaaaaaaaaaa");
            Assert.Equal(new[] { "snap-1", "snap-2", "snap-3" }, setA.Snapshots.Select(s => s.SnapshotId)); // by device
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf", "/dev/xvdg" }, setA.Snapshots.Select(s => s.DeviceName));
            Assert.Equal(T0.AddSeconds(1), setA.CreatedAt); // the earliest member, whichever came first
            Assert.Equal(SnapshotSetState.Pending, setA.State);
            Assert.Equal("snap-b", Assert.Single(Assert.Single(sets, s => s.SetId == "ss-bbbbbbbbbbbbbbbb").Snapshots).SnapshotId);
        }

        [Fact]
        public void AnImageWhoseSnapshotsAreNotRead_IsASetOfItsOwn_WithTheImagesTagsAndDate()
        {
            var image = new Image
            {
                ImageId = "ami-0123456789abcdef1", Name = "nightly-image", State = ImageState.Available, CreationDate = "2026-11-26T20:00:00.000Z",
                Tags = SetTags("ss-eeeeeeeeeeeeeeee", instance: "i-0a1b2c3d4e5f60109"),
            };

            var set = Assemble(Enumerable.Empty<Snapshot>(), new[] { image }).Single();

            Assert.Equal(("ss-eeeeeeeeeeeeeeee", "i-0a1b2c3d4e5f60109", "nightly", SnapshotSetKind.Image, "ami-0123456789abcdef1", "nightly-image", Region),
                (set.SetId, set.InstanceId, set.Policy, set.Kind, set.ImageId, set.Name, set.Region));
            Assert.Empty(set.Snapshots);
            Assert.Equal(new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc), set.CreatedAt);
            Assert.Equal(SnapshotSetState.Completed, set.State);
            Assert.Equal("ap-southeast-1", set.DestinationRegion);
        }

        [Fact]
        public void ImagesWithoutASetId_AreNotSets()
        {
            var foreign = new Image { ImageId = "ami-0a1b2c3d4e5f60401", Name = "al2023-base", State = ImageState.Available, Tags = new List<Tag>() };

            Assert.Empty(Assemble(Enumerable.Empty<Snapshot>(), new[] { foreign }, includeUnmanaged: true));
        }

        [Fact]
        public void UnmanagedSnapshots_OnlyWhenAsked_EachAsASetOfItsOwn()
        {
            var ours = Snap("snap-ours", "vol-1", "completed", T0, SetTags("ss-eeeeeeeeeeeeeeee"));
            var byHand = Snap("snap-hand", "vol-9", "pending", T0.AddHours(1), new List<Tag> { new Tag("Name", "before upgrade") }, progress: "10%", size: 50);
            var untagged = Snap("snap-none", "vol-8", "error", T0.AddHours(-1), null);

            var managedOnly = Assemble(new[] { ours, byHand, untagged });
            var all = Assemble(new[] { ours, byHand, untagged }, includeUnmanaged: true);

            Assert.Equal(new[] { "ss-eeeeeeeeeeeeeeee" }, managedOnly.Select(s => s.SetId));
            Assert.Equal(3, all.Count);
            var hand = all.Single(s => s.SetId == "snap-hand");
            Assert.False(hand.Managed);
            Assert.Equal("before upgrade", hand.Name);
            Assert.Equal(SnapshotSetState.Pending, hand.State);
            Assert.Equal(50, hand.Snapshots.Single().SizeGiB);
            Assert.Equal(10, hand.Snapshots.Single().Progress);
            Assert.Equal("", hand.InstanceId);
            Assert.Equal(SnapshotSetState.Failed, all.Single(s => s.SetId == "snap-none").State);
        }

        [Fact]
        public void ASetIdWithoutTheManagedByTag_IsShownAsNotManaged()
        {
            var set = Assemble(new[] { Snap("snap-1", "vol-1", "completed", T0, SetTags("ss-ffffffffffffffff", managed: false)) }).Single();

            Assert.False(set.Managed);
        }

        [Fact]
        public void NewestFirst_AcrossManagedImageAndUnmanagedSets()
        {
            var old = Snap("snap-old", "vol-1", "completed", T0.AddDays(-2), SetTags("ss-0000000000000001"));
            var mid = Snap("snap-mid", "vol-1", "completed", T0.AddDays(-1), SetTags("ss-0000000000000002"));
            var hand = Snap("snap-hand", "vol-2", "completed", T0.AddHours(-12), null);
            var image = new Image { ImageId = "ami-1", State = ImageState.Available, CreationDate = T0.ToString("o"), Tags = SetTags("ss-0000000000000003") };

            var sets = Assemble(new[] { old, hand, mid }, new[] { image }, includeUnmanaged: true);

            Assert.Equal(new[] { "ss-0000000000000003", "snap-hand", "ss-0000000000000002", "ss-0000000000000001" }, sets.Select(s => s.SetId));
        }
    }
}
