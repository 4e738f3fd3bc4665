using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotRows
{
    /// <summary>
    /// A rotation plans over the rows of its read (<see cref="RotationPlanner.PlanRows"/>) and builds sets only as they
    /// are shown: it must decide exactly what planning the assembled sets decides (<see cref="RotationPlanner.PlanGroups"/>),
    /// item for item, and build the same sets, over mixed reads: several groups, pending/failed members, duplicates,
    /// same-time sets, image sets (some without snapshots), sets not tagged as ours, and both guards.
    /// </summary>
    public class RowPlanningTests
    {
        private const string Region = "ap-northeast-1";
        private static readonly DateTime Now = new DateTime(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc);

        private sealed class Read
        {
            public readonly List<Snapshot> Snapshots = new List<Snapshot>();
            public readonly List<Image> Images = new List<Image>();
        }

        private static Read RandomRead(int seed)
        {
            var random = new Random(seed);
            var read = new Read();
            var instances = new[] { "i-0a1b2c3d4e5f60101", "i-0a1b2c3d4e5f60102", "i-0a1b2c3d4e5f60103" };
            var policies = new[] { "nightly", "weekly" };
            for (var set = 0; set < 160; set++)
            {
                var setId = $"ss-{random.Next(1 << 20):x16}{set:x4}";
                var instance = instances[random.Next(instances.Length)];
                var policy = policies[random.Next(policies.Length)];
                var tags = new List<Tag>
                {
                    new Tag(ManagedTags.SetIdKey, setId), new Tag(ManagedTags.PolicyKey, policy), new Tag(ManagedTags.SourceInstanceKey, instance),
                    new Tag("Name", $"{policy}-{instance}-{set}"),
                };
                if (random.Next(10) > 0) tags.Add(new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue));
                if (random.Next(3) == 0) tags.Add(new Tag(SnapshotTags.DevicesKey, "vol-1=xvda,vol-2=xvdf"));
                if (random.Next(5) == 0) tags.AddRange(new[] { new Tag(ManagedTags.SourceRegionKey, "us-west-2"), new Tag(ManagedTags.SourceSetKey, $"ss-{set:x16}") });
                var start = Now.AddDays(-random.Next(20)).AddHours(-random.Next(2)); // few distinct times: ties are common
                var members = new List<Snapshot>();
                var imageOnly = random.Next(12) == 0;
                for (var m = imageOnly ? 0 : 1 + random.Next(3); m > 0; m--)
                {
                    var state = random.Next(10) switch { 0 => "pending", 1 => "error", _ => "completed" };
                    var snapshotTags = new List<Tag>(tags);
                    if (random.Next(25) == 0) snapshotTags.Add(new Tag("aws:backup:source-resource", "x"));
                    members.Add(new Snapshot
                    {
                        SnapshotId = $"snap-{set:x8}{m:x9}", VolumeId = $"vol-{random.Next(1, 4)}", State = SnapshotState.FindValue(state),
                        StartTime = start.AddSeconds(random.Next(2)), Progress = state == "completed" ? "100%" : "40%", VolumeSize = 8 * m, Tags = snapshotTags,
                    });
                }
                read.Snapshots.AddRange(members);
                if (random.Next(4) == 0) read.Snapshots.Add(members.FirstOrDefault() ?? new Snapshot { SnapshotId = $"snap-{set:x17}", Tags = tags, State = SnapshotState.Completed });
                if (imageOnly || random.Next(8) == 0)
                    read.Images.Add(new Image
                    {
                        ImageId = $"ami-{set:x17}", Name = $"image-{set}", State = ImageState.FindValue(random.Next(6) == 0 ? "pending" : "available"),
                        CreationDate = start.AddMinutes(-random.Next(3)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
                        Tags = random.Next(3) == 0 ? null : tags.Select(t => new Tag(t.Key, t.Value)).ToList(),
                        BlockDeviceMappings = members.Select((s, i) => new BlockDeviceMapping { DeviceName = $"/dev/sd{(char)('a' + i)}", Ebs = new EbsBlockDevice { SnapshotId = s.SnapshotId } }).ToList(),
                    });
                // An image of someone else's using this set's snapshot: the set must then be skipped, not removed.
                if (members.Count > 0 && random.Next(20) == 0)
                    read.Images.Add(new Image { ImageId = $"ami-f{set:x16}", State = ImageState.Available, BlockDeviceMappings = new List<BlockDeviceMapping> { new BlockDeviceMapping { DeviceName = "/dev/sda1", Ebs = new EbsBlockDevice { SnapshotId = members[0].SnapshotId } } } });
            }
            return read;
        }

        private static SnapshotSetAssembler Assembler(Read read)
        {
            var assembler = new SnapshotSetAssembler(Region, includeUnmanaged: false);
            foreach (var snapshot in read.Snapshots) assembler.Add(SnapshotFacts.From(snapshot));
            return assembler;
        }

        private static IEnumerable<Image> SetImages(Read read) => read.Images.Where(i => SnapshotTags.Get(i.Tags, ManagedTags.SetIdKey) != null);

        private static string Describe(RotationItem item)
        {
            var s = item.Set;
            var snapshots = string.Join(";", s.Snapshots.Select(m => $"{m.SnapshotId}/{m.VolumeId}/{m.DeviceName}/{m.State}/{m.SizeGiB}/{m.Progress}"));
            return $"{s.SetId}|{item.Decision}|{item.Reason}|{s.InstanceId}|{s.Region}|{s.Policy}|{s.Kind}|{s.ImageId}|{s.Name}|{s.CreatedAt:o}|{s.CreatedAt.Kind}|" +
                   $"{s.State}|{s.Managed}|{s.DestinationRegion}|{s.SourceRegion}|{s.SourceSetId}|{snapshots}";
        }

        public static IEnumerable<object?[]> Reads()
        {
            foreach (var seed in new[] { 1, 2, 3, 4 })
            {
                yield return new object?[] { seed, 2, null };
                yield return new object?[] { seed, null, 7 };
                yield return new object?[] { seed, 3, 5 };
            }
        }

        [Theory]
        [MemberData(nameof(Reads))]
        public void PlanningTheRows_DecidesAndBuildsExactlyWhatPlanningTheSetsDoes(int seed, int? keep, int? olderThanDays)
        {
            var read = RandomRead(seed);
            var olderThan = olderThanDays.HasValue ? TimeSpan.FromDays(olderThanDays.Value) : (TimeSpan?)null;

            var fromSets = Assembler(read);
            var sets = fromSets.Finish(SetImages(read));
            var expected = RotationPlanner.PlanGroups(sets, keep, olderThan, Now, RotationGuards.From(fromSets.ForeignOwned, read.Images));

            var rows = Assembler(read);
            rows.Settle(SetImages(read));
            var guards = RotationGuards.From(rows.ForeignOwned, read.Images);
            var actual = RotationPlanner.PlanRows(rows, Enumerable.Range(0, rows.SetCount).ToList(), keep, olderThan, Now, guards);

            Assert.Equal(expected.Items.Select(Describe), actual.Items.Select(Describe));
            foreach (RotationDecision decision in Enum.GetValues(typeof(RotationDecision)))
            {
                Assert.Equal(expected.Count(decision), actual.Count(decision));
                Assert.Equal(expected.Where(d => d == decision).Select(Describe), actual.Where(d => d == decision).Select(Describe));
            }
            // The read is varied enough that every rule and guard is exercised.
            Assert.Contains(actual.Items, i => i.Decision == RotationDecision.Remove);
            Assert.Contains(actual.Items, i => i.Decision == RotationDecision.Skip && i.Reason.Contains("cdp:managed-by"));
            Assert.Contains(actual.Items, i => i.Set.Kind == SnapshotSetKind.Image);
            Assert.Contains(actual.Items, i => i.Set.State == SnapshotSetState.Failed);
            Assert.Contains(actual.Items, i => i.Set.State == SnapshotSetState.Overfull); // members draw from three volumes: some repeat one
        }

        [Fact]
        public void EachGroup_IsPlannedNewestFirst_SetsOfTheSameTimeBySetId_GroupsByName()
        {
            var read = RandomRead(8);
            var rows = Assembler(read);
            rows.Settle(SetImages(read));
            var items = RotationPlanner.PlanRows(rows, Enumerable.Range(0, rows.SetCount).ToList(), 3, null, Now, RotationGuards.None).Items.ToList();

            var groupNames = items.Select(i => $"{i.Set.Region}/{i.Set.InstanceId}/{i.Set.Policy}").ToList();
            Assert.Equal(groupNames.Distinct().OrderBy(n => n, StringComparer.Ordinal), groupNames.Distinct());
            var ties = 0;
            for (var i = 1; i < items.Count; i++)
            {
                if (groupNames[i] != groupNames[i - 1]) continue;
                var (newer, older) = (items[i - 1].Set, items[i].Set);
                Assert.True(newer.CreatedAt >= older.CreatedAt, $"{newer.SetId} before {older.SetId}");
                if (newer.CreatedAt != older.CreatedAt) continue;
                ties++;
                Assert.True(string.CompareOrdinal(newer.SetId, older.SetId) < 0, $"{newer.SetId} before {older.SetId} at the same time");
            }
            Assert.True(ties > 10, $"only {ties} same-time neighbours: the read no longer tests ties");
        }

        [Fact]
        public void GuardedSets_AreSkippedInRowPlanning_WithTheGuardNamed()
        {
            var read = RandomRead(5);
            var rows = Assembler(read);
            rows.Settle(SetImages(read));
            var plan = RotationPlanner.PlanRows(rows, Enumerable.Range(0, rows.SetCount).ToList(), 1, null, Now, RotationGuards.From(rows.ForeignOwned, read.Images));

            Assert.Contains(plan.Skip, i => i.Reason.Contains("aws:backup:source-resource"));
            Assert.Contains(plan.Skip, i => i.Reason.Contains("an image outside this set"));
        }

        [Fact]
        public void ThePlansItems_AreBuiltAnewOnEachEnumeration_FromTheRows()
        {
            var read = RandomRead(6);
            var rows = Assembler(read);
            rows.Settle(SetImages(read));
            var plan = RotationPlanner.PlanRows(rows, Enumerable.Range(0, rows.SetCount).ToList(), 2, null, Now, RotationGuards.None);

            Assert.Equal(rows.SetCount, plan.Items.Count);
            Assert.Equal(Describe(plan.Items[0]), Describe(plan.Items[0]));
            Assert.Equal(plan.Items.Select(i => (i.Set.SetId, i.Decision, i.Reason)), plan.Decisions);
            Assert.Equal(plan.Items.Count, plan.Count(RotationDecision.Keep) + plan.Count(RotationDecision.Remove) + plan.Count(RotationDecision.Skip));
            Assert.Throws<ArgumentOutOfRangeException>(() => plan.Items[plan.Items.Count]);
        }

        [Fact]
        public void SettlingTwice_AndPlanningOrBuildingBeforeSettling_AreRefused()
        {
            var rows = Assembler(RandomRead(7));
            Assert.Throws<InvalidOperationException>(() => RotationPlanner.PlanRows(rows, new[] { 0 }, 1, null, Now, RotationGuards.None));
            Assert.Throws<InvalidOperationException>(() => rows.BuildSet(0));
            rows.Settle(Array.Empty<Image>());
            Assert.Throws<InvalidOperationException>(() => rows.Settle(Array.Empty<Image>()));
        }

        [Fact]
        public void GroupsSharingAName_AreOrderedByInstanceThenPolicy_InBothPlanners()
        {
            // "i-1" with policy "a/b" and "i-1/a" with policy "b" are both named ap-northeast-1/i-1/a/b.
            var read = new Read();
            foreach (var (instance, policy, id) in new[] { ("i-1/a", "b", "ss-0000000000000001"), ("i-1", "a/b", "ss-0000000000000002") })
                read.Snapshots.Add(new Snapshot
                {
                    SnapshotId = "snap-" + id.Substring(3), VolumeId = "vol-1", State = SnapshotState.Completed, StartTime = Now.AddDays(-1), Progress = "100%",
                    Tags = new List<Tag> { new Tag(ManagedTags.SetIdKey, id), new Tag(ManagedTags.SourceInstanceKey, instance), new Tag(ManagedTags.PolicyKey, policy), new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue) },
                });
            var rows = Assembler(read);
            rows.Settle(Array.Empty<Image>());

            var expected = new[] { "i-1", "i-1/a" };
            Assert.Equal(expected, RotationPlanner.PlanRows(rows, new[] { 0, 1 }, 1, null, Now, RotationGuards.None).Items.Select(i => i.Set.InstanceId));
            Assert.Equal(expected, RotationPlanner.PlanGroups(Assembler(read).Finish(Array.Empty<Image>()), 1, null, Now).Items.Select(i => i.Set.InstanceId));
        }

        [Fact]
        public void TheScope_PicksRowsBySetId_Policy_Group_OrInstance()
        {
            var read = RandomRead(9);
            var rows = Assembler(read);
            rows.Settle(SetImages(read));
            var all = Enumerable.Range(0, rows.SetCount).Select(rows.BuildSet).ToList();
            List<string> Picked(RotationScope scope) => RotationReader.InScope(rows, scope).Select(rows.SetIdOf).ToList();
            List<string> Expected(Func<SnapshotSet, bool> wanted) => all.Where(wanted).Select(s => s.SetId).ToList();
            var one = all[3];
            var other = all.First(s => s.InstanceId != one.InstanceId);

            Assert.Equal(rows.SetCount, Picked(new RotationScope()).Count);
            Assert.Equal(new[] { one.SetId, other.SetId }.OrderBy(id => all.FindIndex(s => s.SetId == id)), Picked(new RotationScope { SetIds = new[] { other.SetId, one.SetId, "ss-ffffffffffffffff" } }));
            Assert.Equal(Expected(s => s.Policy == "weekly"), Picked(new RotationScope { Policy = "weekly" }));
            Assert.Equal(Expected(s => s.InstanceId == one.InstanceId && s.Policy == one.Policy),
                Picked(new RotationScope { Groups = new[] { new RotationGroupKey(Region, one.InstanceId, one.Policy) } }));
            Assert.Empty(Picked(new RotationScope { Groups = new[] { new RotationGroupKey(Region, one.InstanceId, one.Policy) }, Policy = one.Policy == "weekly" ? "nightly" : "weekly" }));
            Assert.Equal(Expected(s => s.InstanceId == other.InstanceId), Picked(new RotationScope { InstanceIds = new[] { other.InstanceId } }));
            Assert.Equal(Expected(s => s.InstanceId == other.InstanceId && s.Policy == "nightly"), Picked(new RotationScope { InstanceIds = new[] { other.InstanceId }, Policy = "nightly" }));
        }
    }
}
