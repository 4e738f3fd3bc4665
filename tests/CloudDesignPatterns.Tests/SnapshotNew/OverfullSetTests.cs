using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>
    /// A set with two snapshots of one source volume (a create EC2 carried out twice, #17) is Overfull, not Completed;
    /// a rotation counts it as one generation and removes all of it.
    /// </summary>
    public class OverfullSetTests
    {
        private const string Region = "ap-northeast-1";
        private static readonly DateTime T0 = new DateTime(2026, 11, 26, 22, 0, 0, DateTimeKind.Utc);

        private static List<Tag> Tags(string setId, params Tag[] more) => new List<Tag>
        {
            new Tag(ManagedTags.SetIdKey, setId), new Tag(ManagedTags.PolicyKey, "nightly"), new Tag(ManagedTags.SourceInstanceKey, "i-0a1b2c3d4e5f60101"),
            new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue),
        }.Concat(more).ToList();

        private static Snapshot Snap(string id, string volume, List<Tag> tags, string state = "completed", DateTime? start = null)
            => new Snapshot { SnapshotId = id, VolumeId = volume, State = SnapshotState.FindValue(state), StartTime = start ?? T0, Progress = "100%", VolumeSize = 8, Tags = tags };

        private static SnapshotSet One(params Snapshot[] snapshots)
            => SnapshotSetAssembler.Assemble(snapshots, Enumerable.Empty<Image>(), Region, includeUnmanaged: false).Single();

        [Fact]
        public void TwoSnapshotsOfOneVolume_MakeTheSetOverfull_WithEveryMemberKept()
        {
            var tags = Tags("ss-aaaaaaaaaaaaaaaa", new Tag(SnapshotTags.DevicesKey, "vol-1=xvda,vol-2=xvdf"));
            var set = One(Snap("snap-a", "vol-1", tags), Snap("snap-b", "vol-2", tags), Snap("snap-c", "vol-1", tags, start: T0.AddSeconds(5)));

            Assert.Equal(SnapshotSetState.Overfull, set.State);
            Assert.Equal(new[] { "snap-a", "snap-c", "snap-b" }, set.Snapshots.Select(s => s.SnapshotId)); // by device, then id
            Assert.Equal("set ss-aaaaaaaaaaaaaaaa holds 3 snapshots of 2 volume(s), 2 of vol-1 (snap-a, snap-c)", OverfullSet.Describe(set));
        }

        [Fact]
        public void OneSnapshotPerVolume_IsCompleted()
        {
            var tags = Tags("ss-bbbbbbbbbbbbbbbb");
            Assert.Equal(SnapshotSetState.Completed, One(Snap("snap-a", "vol-1", tags), Snap("snap-b", "vol-2", tags)).State);
        }

        [Theory]
        [InlineData("pending", SnapshotSetState.Pending)] // not done yet: rotation must not count or remove it
        [InlineData("error", SnapshotSetState.Failed)]
        public void ADuplicateNotYetCompleted_IsPendingOrFailedFirst(string duplicateState, SnapshotSetState expected)
        {
            var tags = Tags("ss-cccccccccccccccc");
            Assert.Equal(expected, One(Snap("snap-a", "vol-1", tags), Snap("snap-b", "vol-1", tags, duplicateState)).State);
        }

        [Fact]
        public void ASnapshotReadTwice_IsNoDuplicate()
        {
            var tags = Tags("ss-dddddddddddddddd");
            Assert.Equal(SnapshotSetState.Completed, One(Snap("snap-a", "vol-1", tags), Snap("snap-a", "vol-1", tags)).State);
        }

        [Fact]
        public void Copies_AreToldApartByTheirDeviceTag_SinceEc2ShowsThemAllWithThePlaceholderVolume()
        {
            var tags = Tags("ss-eeeeeeeeeeeeeeee");
            Snapshot Copy(string id, string device) => Snap(id, "vol-ffffffff", tags.Append(new Tag(SnapshotTags.DeviceKey, device)).ToList());

            Assert.Equal(SnapshotSetState.Completed, One(Copy("snap-a", "/dev/xvda"), Copy("snap-b", "/dev/xvdf")).State);
            var overfull = One(Copy("snap-a", "/dev/xvda"), Copy("snap-b", "/dev/xvdf"), Copy("snap-c", "/dev/xvdf"));
            Assert.Equal(SnapshotSetState.Overfull, overfull.State);
            Assert.Equal("set ss-eeeeeeeeeeeeeeee holds 3 snapshots of 2 volume(s), 2 of /dev/xvdf (snap-b, snap-c)", OverfullSet.Describe(overfull));
            // Without a device tag a copy tells nothing about its volume: never called a duplicate on a guess.
            Assert.Equal(SnapshotSetState.Completed, One(Snap("snap-a", "vol-ffffffff", tags), Snap("snap-b", "vol-ffffffff", tags)).State);
        }

        [Fact]
        public void Rotation_CountsAnOverfullSetAsOneGeneration_AndRemovesAllOfIt()
        {
            // Days 1, 2 (Overfull: vol-1 twice), 3: keep 2 keeps days 1 and 2 and removes 3; keep 1 removes day 2 whole.
            var snapshots = new List<Snapshot>();
            foreach (var day in new[] { 1, 2, 3 })
            {
                var tags = Tags($"ss-{day:x16}");
                snapshots.Add(Snap($"snap-{day}a", "vol-1", tags, start: T0.AddDays(-day)));
                snapshots.Add(Snap($"snap-{day}b", "vol-2", tags, start: T0.AddDays(-day)));
                if (day == 2) snapshots.Add(Snap("snap-2c", "vol-1", tags, start: T0.AddDays(-day).AddSeconds(3)));
            }

            RotationPlan PlanRows(int keep)
            {
                var rows = new SnapshotSetAssembler(Region, includeUnmanaged: false);
                foreach (var s in snapshots) rows.Add(SnapshotFacts.From(s));
                rows.Settle(Enumerable.Empty<Image>());
                return RotationPlanner.PlanRows(rows, Enumerable.Range(0, rows.SetCount).ToList(), keep, null, T0, RotationGuards.None);
            }

            var keepTwo = PlanRows(2);
            Assert.Equal(new[] { $"ss-{3:x16}" }, keepTwo.Remove.Select(i => i.Set.SetId));
            var overfull = keepTwo.Items.Single(i => i.Set.SetId == $"ss-{2:x16}");
            Assert.Equal((RotationDecision.Keep, SnapshotSetState.Overfull), (overfull.Decision, overfull.Set.State));
            Assert.Contains("Generation 2 of 2", overfull.Reason);

            var keepOne = PlanRows(1);
            var removed = keepOne.Remove.Single(i => i.Set.SetId == $"ss-{2:x16}");
            Assert.Equal(new[] { "snap-2a", "snap-2b", "snap-2c" }, removed.Set.Snapshots.Select(s => s.SnapshotId).OrderBy(id => id, StringComparer.Ordinal));
            Assert.Equal(new[] { $"ss-{2:x16}", $"ss-{3:x16}" }, keepOne.Remove.Select(i => i.Set.SetId));
        }
    }
}
