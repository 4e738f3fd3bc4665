using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Model.Snapshots;
using static CloudDesignPatterns.Tests.SnapshotRotation.PlannerSets;

namespace CloudDesignPatterns.Tests.SnapshotRotation
{
    public class RotationPlannerTests
    {
        private static string[] Removed(RotationPlan plan) => plan.Remove.Select(i => i.Set.SetId).ToArray();
        private static string Id(int daysAgo) => Set(daysAgo).SetId;

        [Fact]
        public void KeepGenerations_KeepsTheNewestN_AndRemovesTheRest()
        {
            var plan = RotationPlanner.Plan(Days(3, 1, 5, 2, 4), 3, null, Now);
            Assert.Equal(new[] { Id(4), Id(5) }, Removed(plan));
            Assert.Equal(new[] { Id(1), Id(2), Id(3) }, plan.Keep.Select(i => i.Set.SetId).ToArray());
            Assert.Contains("Generation 2 of 3", plan.Items.Single(i => i.Set.SetId == Id(2)).Reason);
        }

        [Fact]
        public void OlderThan_RemovesOnlySetsBeyondTheAgeLimit()
        {
            var plan = RotationPlanner.Plan(Days(1, 2, 3, 10, 11), null, TimeSpan.FromDays(7), Now);
            Assert.Equal(new[] { Id(10), Id(11) }, Removed(plan));
        }

        [Fact]
        public void BothRules_RemoveASetOutsideEitherRule()
        {
            // keep 4 generations AND nothing older than 3 days: day 5 is within 4 generations but too old; day 8 is both.
            var byAge = RotationPlanner.Plan(Days(1, 2, 5, 8), 4, TimeSpan.FromDays(3), Now);
            Assert.Equal(new[] { Id(5), Id(8) }, Removed(byAge));
            // keep 2 generations AND nothing older than 30 days: day 3 is young but beyond 2 generations.
            var byCount = RotationPlanner.Plan(Days(1, 2, 3), 2, TimeSpan.FromDays(30), Now);
            Assert.Equal(new[] { Id(3) }, Removed(byCount));
        }

        [Fact]
        public void NewestCompletedSet_IsAlwaysKept_EvenWhenEveryRuleWouldRemoveIt()
        {
            var plan = RotationPlanner.Plan(Days(40, 50), 1, TimeSpan.FromDays(7), Now);
            var newest = plan.Items.Single(i => i.Set.SetId == Id(40));
            Assert.Equal(RotationDecision.Keep, newest.Decision);
            Assert.Contains("always kept", newest.Reason);
            Assert.Equal(new[] { Id(50) }, Removed(plan));
        }

        [Fact]
        public void UnmanagedSets_AreNeverRemoved()
        {
            var sets = Days(1, 2).Append(Set(3, managed: false)).Append(Set(4, managed: false)).ToArray();
            var plan = RotationPlanner.Plan(sets, 1, null, Now);
            Assert.Equal(new[] { Id(2) }, Removed(plan));
            Assert.All(plan.Items.Where(i => !i.Set.Managed), i => Assert.Equal(RotationDecision.Skip, i.Decision));
            var deletion = RotationPlanner.PlanDeletion(new[] { Set(3, managed: false) });
            Assert.Empty(deletion.Remove);
            Assert.Contains("cdp:managed-by", deletion.Items.Single().Reason);
        }

        [Fact]
        public void PendingSets_DoNotCountAsAGeneration_AndAreNeverRemoved()
        {
            // The two newest are pending: keep 2 must still keep two completed sets (days 3 and 4) and remove day 5.
            var sets = new[] { Set(1, SnapshotSetState.Pending), Set(2, SnapshotSetState.Pending), Set(3), Set(4), Set(5), Set(60, SnapshotSetState.Pending) };
            var plan = RotationPlanner.Plan(sets, 2, TimeSpan.FromDays(30), Now);
            Assert.Equal(new[] { Id(5) }, Removed(plan));
            Assert.All(plan.Items.Where(i => i.Set.State == SnapshotSetState.Pending), i => Assert.Equal(RotationDecision.Keep, i.Decision));
            Assert.Empty(RotationPlanner.PlanDeletion(new[] { Set(1, SnapshotSetState.Pending) }).Remove);
        }

        [Fact]
        public void FailedSets_DoNotCountAsAGeneration_AndGoOnceOlderThanTheOldestKeptGeneration()
        {
            var sets = new[] { Set(1, SnapshotSetState.Failed), Set(2), Set(3, SnapshotSetState.Failed), Set(4), Set(5, SnapshotSetState.Failed), Set(6) };
            var plan = RotationPlanner.Plan(sets, 2, null, Now);
            // Completed generations: 2, 4 kept; 6 removed. Failed 1 and 3 are newer than the oldest kept (4): kept; failed 5 is older: removed.
            Assert.Equal(new[] { Id(5), Id(6) }, Removed(plan));
            Assert.Equal(RotationDecision.Keep, plan.Items.Single(i => i.Set.SetId == Id(1)).Decision);
        }

        [Fact]
        public void OnlyFailedSets_AreKeptUnderAGenerationRule_AndRemovedByAge()
        {
            var sets = new[] { Set(1, SnapshotSetState.Failed), Set(20, SnapshotSetState.Failed) };
            Assert.Empty(RotationPlanner.Plan(sets, 1, null, Now).Remove);
            Assert.Equal(new[] { Id(20) }, Removed(RotationPlanner.Plan(sets, null, TimeSpan.FromDays(7), Now)));
        }

        [Fact]
        public void ImageSet_IsRemovedAsAWhole_AndItsOwnImageDoesNotBlockItsSnapshots()
        {
            var image = Set(5, imageId: "ami-0a1b2c3d4e5f60005", snapshots: new[] { "snap-05a", "snap-05b" });
            var guards = new RotationGuards(imagesUsingSnapshot: new Dictionary<string, IReadOnlyList<string>>
            {
                ["snap-05a"] = new[] { "ami-0a1b2c3d4e5f60005" },
                ["snap-05b"] = new[] { "ami-0a1b2c3d4e5f60005" },
            });
            var plan = RotationPlanner.Plan(new[] { Set(1), image }, 1, null, Now, guards);
            var item = plan.Remove.Single();
            Assert.Equal(image.SetId, item.Set.SetId);
            Assert.Equal("Remove snapshot set (deregister ami-0a1b2c3d4e5f60005, delete snap-05a, snap-05b)", item.DescribeAction());
            Assert.StartsWith($"{image.SetId} (i-0a1b2c3d4e5f60101, nightly, 2026-11-21", item.DescribeTarget());
        }

        [Fact]
        public void SnapshotUsedByAForeignImage_IsSkippedWithTheImageNamed()
        {
            var guards = new RotationGuards(imagesUsingSnapshot: new Dictionary<string, IReadOnlyList<string>> { [Set(3).Snapshots[0].SnapshotId] = new[] { "ami-0f00000000000000f" } });
            var plan = RotationPlanner.Plan(Days(1, 2, 3), 1, null, Now, guards);
            Assert.Equal(new[] { Id(2) }, Removed(plan));
            var skipped = plan.Skip.Single();
            Assert.Equal(Id(3), skipped.Set.SetId);
            Assert.Contains("ami-0f00000000000000f", skipped.Reason);
            Assert.Equal(RotationDecision.Skip, RotationPlanner.PlanDeletion(new[] { Set(3) }, guards).Items.Single().Decision);
        }

        [Theory]
        [InlineData("aws:backup:source-resource")]
        [InlineData("aws:dlm:lifecycle-policy-id")]
        public void SnapshotsOwnedByAwsBackupOrDlm_AreNeverTouched(string tagKey)
        {
            var guards = new RotationGuards(ownedByAwsService: new Dictionary<string, string> { [Set(3).Snapshots[0].SnapshotId] = tagKey });
            var plan = RotationPlanner.Plan(Days(1, 2, 3), 1, null, Now, guards);
            Assert.Equal(new[] { Id(2) }, Removed(plan));
            Assert.Contains(tagKey, plan.Skip.Single().Reason);
            Assert.Empty(RotationPlanner.PlanDeletion(new[] { Set(3) }, guards).Remove);
        }

        [Fact]
        public void Guards_AreBuiltFromTagsAndBlockDeviceMappings()
        {
            var snapshots = new[]
            {
                new Amazon.EC2.Model.Snapshot { SnapshotId = "snap-1", Tags = new List<Amazon.EC2.Model.Tag> { new Amazon.EC2.Model.Tag("aws:backup:source-resource", "x") } },
                new Amazon.EC2.Model.Snapshot { SnapshotId = "snap-2", Tags = new List<Amazon.EC2.Model.Tag> { new Amazon.EC2.Model.Tag("awsbackup", "x") } },
                new Amazon.EC2.Model.Snapshot { SnapshotId = "snap-3" },
            };
            var images = new[] { new Amazon.EC2.Model.Image { ImageId = "ami-1", BlockDeviceMappings = new List<Amazon.EC2.Model.BlockDeviceMapping> { new Amazon.EC2.Model.BlockDeviceMapping { Ebs = new Amazon.EC2.Model.EbsBlockDevice { SnapshotId = "snap-3" } } } } };
            var guards = RotationGuards.From(snapshots, images);
            Assert.Equal(new[] { "snap-1" }, guards.OwnedByAwsService.Keys.ToArray());
            Assert.Equal(new[] { "ami-1" }, guards.ImagesUsingSnapshot["snap-3"]);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void KeepGenerationsBelowOne_IsRefused(int keep)
        {
            var error = Assert.Throws<PatternException>(() => RotationPlanner.Plan(Days(1), keep, null, Now));
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.Throws<PatternException>(() => new RotationRules(null, TimeSpan.Zero));
        }

        [Fact]
        public void EmptyGroup_GivesAnEmptyPlan()
        {
            Assert.Empty(RotationPlanner.Plan(Array.Empty<SnapshotSet>(), 3, TimeSpan.FromDays(1), Now).Items);
            Assert.Empty(RotationPlanner.PlanGroups(Array.Empty<SnapshotSet>(), 3, null, Now).Items);
            Assert.Empty(RotationPlanner.PlanDeletion(Array.Empty<SnapshotSet>()).Items);
        }

        [Fact]
        public void Groups_AreCountedPerInstanceAndPolicy()
        {
            var sets = new[] { Set(1), Set(2), Set(3, instance: "i-0a1b2c3d4e5f60102"), Set(4, instance: "i-0a1b2c3d4e5f60102"), Set(5, policy: "weekly"), Set(6, policy: "weekly") };
            var plan = RotationPlanner.PlanGroups(sets, 1, null, Now);
            Assert.Equal(new[] { Id(2), Id(4), Id(6) }, Removed(plan).OrderBy(x => x).ToArray());
        }

        [Fact]
        public void SetsOfTheSameTime_CountAsGenerationsInSetIdOrder()
        {
            var sameTime = new[] { "ss-000000000000000c", "ss-000000000000000a", "ss-000000000000000b" }
                .Select(id => { var set = Set(1); set.SetId = id; return set; }).ToArray();
            var plan = RotationPlanner.Plan(sameTime.Append(Set(2)), 2, null, Now);

            Assert.Equal(new[] { "ss-000000000000000a", "ss-000000000000000b", "ss-000000000000000c", Id(2) }, plan.Items.Select(i => i.Set.SetId));
            Assert.Equal(new[] { "ss-000000000000000c", Id(2) }, Removed(plan));
            Assert.Contains("always kept", plan.Items[0].Reason);
        }

        [Fact]
        public void Deletion_RemovesEvenTheNewestCompletedSet_WhenNamed()
        {
            var plan = RotationPlanner.PlanDeletion(Days(1));
            Assert.Equal(new[] { Id(1) }, Removed(plan));
        }
    }
}
