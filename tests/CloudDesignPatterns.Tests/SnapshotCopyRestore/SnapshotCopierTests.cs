using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SnapshotCopyRestore
{
    public class SnapshotCopierTests
    {
        private const string Dr = SandboxSeed.DrRegion;

        [Fact]
        public async Task Copies_each_snapshot_in_the_destination_region_with_the_source_tags_and_where_it_came_from()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var mark = box.Mark();

            var plan = await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None);
            Assert.Equal(Dr, plan.DestinationRegion); // from the set's configured destination, no argument
            Assert.Empty(box.MutatingCallsSince(mark)); // planning changes nothing
            var copy = await copier.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(new[] { "CopySnapshot@" + Dr, "CopySnapshot@" + Dr }, box.MutatingCallsSince(mark));
            Assert.Equal(Dr, copy.Region);
            Assert.NotEqual(source.SetId, copy.SetId);
            Assert.Equal(source.SetId, copy.SourceSetId);
            Assert.Equal(SandboxSeed.Region, copy.SourceRegion);
            Assert.Equal(SandboxSeed.Web1, copy.InstanceId);
            Assert.Equal("nightly", copy.Policy);
            Assert.Equal(2, copy.Snapshots.Length);

            var copies = await box.SnapshotsTaggedAsync(Dr, ManagedTags.SourceSetKey, source.SetId);
            Assert.Equal(2, copies.Count);
            foreach (var snapshot in copies)
            {
                var tags = snapshot.Tags.ToDictionary(t => t.Key, t => t.Value);
                Assert.Equal(ManagedTags.ManagedByValue, tags[ManagedTags.ManagedByKey]);
                Assert.Equal(copy.SetId, tags[ManagedTags.SetIdKey]);
                Assert.Equal(SandboxSeed.Region, tags[ManagedTags.SourceRegionKey]);
                Assert.Equal(source.Name, tags["Name"]);
                Assert.Contains(tags[CopyTags.SourceSnapshotKey], source.Snapshots.Select(s => s.SnapshotId));
            }
            // The data volume's own tag (copied onto its snapshot at creation) survives the copy.
            Assert.Contains(copies, s => s.Tags.Any(t => t.Key == "Backup" && t.Value == "yes"));

            // Read back as Get-PatternSnapshot -Region <dr> would: one set, devices known despite the placeholder volume ids.
            var listed = await SetResourcesRead(box, copy.SetId);
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf" }, listed.Snapshots.Select(s => s.DeviceName).OrderBy(d => d).ToArray());
        }

        private static async Task<SnapshotSet> SetResourcesRead(SnapshotSandbox box, string setId)
            => (await SetResources.ReadAsync(box.SessionIn(Dr), setId, CancellationToken.None))!.Set;

        [Fact]
        public async Task Copying_the_same_set_again_makes_no_second_copy()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var first = await copier.ExecuteAsync(await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None), CancellationToken.None);
            var mark = box.Mark();

            var again = await copier.PlanAsync(source, new SnapshotCopyOptions { DestinationRegion = Dr }, CancellationToken.None);
            Assert.True(again.NothingToDo);
            Assert.Equal(first.SetId, again.ExistingCopySetId);
            Assert.Contains("already copied", again.Describe());
            var second = await copier.ExecuteAsync(again, CancellationToken.None);

            Assert.Empty(box.MutatingCallsSince(mark));
            Assert.Equal(first.SetId, second.SetId);
            Assert.Equal(2, (await box.SnapshotsTaggedAsync(Dr, ManagedTags.SourceSetKey, source.SetId)).Count);
        }

        [Fact]
        public async Task A_partial_copy_is_completed_into_the_same_copy_set()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var first = await copier.ExecuteAsync(await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None), CancellationToken.None);
            using (var dr = box.Client(Dr))
                await dr.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = first.Snapshots[0].SnapshotId });
            var mark = box.Mark();

            var plan = await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None);
            Assert.Single(plan.SnapshotsToCopy);
            var completed = await copier.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(new[] { "CopySnapshot@" + Dr }, box.MutatingCallsSince(mark));
            Assert.Equal(first.SetId, completed.SetId);
            Assert.Equal(2, completed.Snapshots.Length);
        }

        [Fact]
        public async Task An_image_set_is_copied_with_CopyImage_and_tags_at_creation()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewImageSetAsync(SandboxSeed.Db1);
            var copier = new SnapshotCopier(box.Session);
            var mark = box.Mark();

            var copy = await copier.ExecuteAsync(await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None), CancellationToken.None);

            Assert.Equal(new[] { "CopyImage@" + Dr }, box.MutatingCallsSince(mark));
            var call = box.Host.Control.GetCalls(mark).Single(c => c.Action == "CopyImage");
            Assert.Equal("true", call.Parameters["CopyImageTags"]);
            Assert.Equal(SnapshotSetKind.Image, copy.Kind);
            Assert.NotNull(copy.ImageId);
            Assert.NotEqual(source.ImageId, copy.ImageId);
            Assert.Equal(source.SetId, copy.SourceSetId);
            Assert.Equal(3, copy.Snapshots.Length); // db-1's three volumes, tagged as the copy set's
            Assert.Contains(copy.SetId, copy.Name);

            var again = await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None);
            Assert.True(again.NothingToDo);
            Assert.Equal(copy.SetId, again.ExistingCopySetId);
        }

        [Fact]
        public async Task A_kms_key_encrypts_every_copy()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var mark = box.Mark();

            var plan = await copier.PlanAsync(source, new SnapshotCopyOptions { KmsKeyId = "alias/dr-backups" }, CancellationToken.None);
            Assert.Contains("encrypted with alias/dr-backups", plan.Describe());
            await copier.ExecuteAsync(plan, CancellationToken.None);

            var calls = box.Host.Control.GetCalls(mark).Where(c => c.Action == "CopySnapshot").ToList();
            Assert.Equal(2, calls.Count);
            Assert.All(calls, c => { Assert.Equal("true", c.Parameters["Encrypted"]); Assert.Equal("alias/dr-backups", c.Parameters["KmsKeyId"]); });
        }

        [Theory]
        [InlineData(SandboxSeed.Region, "DestinationIsSourceRegion")]
        [InlineData("", "NoDestinationRegion")]
        [InlineData("xx-nowhere-9", "UnknownRegion")]
        public async Task Bad_destinations_are_refused_before_any_change(string destination, string errorId)
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1, destinationRegion: null);
            var mark = box.Mark();

            var error = await Assert.ThrowsAsync<PatternException>(() => new SnapshotCopier(box.Session)
                .PlanAsync(source, new SnapshotCopyOptions { DestinationRegion = destination == "" ? null : destination }, CancellationToken.None));

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.DoesNotContain(box.Host.Control.GetCalls(mark), c => c.Action != "DescribeRegions");
        }

        [Fact]
        public async Task A_pending_source_is_refused_clearly_or_waited_for()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web2, waitForCompletion: false);
            Assert.Equal(SnapshotSetState.Pending, source.State);
            var copier = new SnapshotCopier(box.Session);
            var mark = box.Mark();

            var error = await Assert.ThrowsAsync<PatternException>(() => copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None));
            Assert.Equal("SnapshotSetPending", error.ErrorId);
            Assert.Contains("-Wait", error.Message);
            Assert.Empty(box.MutatingCallsSince(mark));

            var plan = await copier.PlanAsync(source, new SnapshotCopyOptions { WaitForPendingSource = true }, CancellationToken.None);
            Assert.Equal(2, plan.SnapshotsToCopy.Count);
        }

        [Fact]
        public async Task Waiting_for_the_copy_reports_progress_until_it_completes_and_times_out_clearly()
        {
            using var box = new SnapshotSandbox(TimeSpan.FromSeconds(3)); // the copy must still be pending when first looked at
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var copy = await copier.ExecuteAsync(await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None), CancellationToken.None);
            Assert.Equal(SnapshotSetState.Pending, copy.State);
            var dr = box.SessionIn(Dr);

            var timeout = await Assert.ThrowsAsync<PatternException>(() => SnapshotSetWaiter.WaitAsync(dr, copy.SetId, copy.Kind, TimeSpan.Zero, 1, "copy", CancellationToken.None));
            Assert.Equal("SnapshotWaitTimeout", timeout.ErrorId);

            var done = await SnapshotSetWaiter.WaitAsync(dr, copy.SetId, copy.Kind, TimeSpan.FromSeconds(30), 1, "copy", CancellationToken.None);
            Assert.Equal(SnapshotSetState.Completed, done.State);
            Assert.Contains(box.Log.ProgressRecords, p => p.Completed && p.Percent == 100);
        }

        [Theory]
        [InlineData("nightly-i-1-20261126-000000-ss-0123456789abcdef", "ss-0123456789abcdef", "ss-fedcba9876543210", "nightly-i-1-20261126-000000-ss-fedcba9876543210")]
        [InlineData("my-ami", "ss-0123456789abcdef", "ss-fedcba9876543210", "my-ami-ss-fedcba9876543210")]
        public void Copy_names_carry_the_copy_set_id(string sourceName, string sourceSet, string copySet, string expected)
            => Assert.Equal(expected, SnapshotCopier.CopyName(sourceName, sourceSet, copySet));
    }
}
