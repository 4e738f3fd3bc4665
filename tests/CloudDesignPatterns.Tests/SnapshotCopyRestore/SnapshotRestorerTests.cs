using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Engine.Snapshots.Restore;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SnapshotCopyRestore
{
    public class SnapshotRestorerTests
    {
        private static async Task<RestoreOutcome> RestoreAsync(SnapshotSandbox box, SnapshotSet set, SnapshotRestoreOptions options)
        {
            var restorer = new SnapshotRestorer(box.Session);
            return await restorer.ExecuteAsync(await restorer.PlanAsync(set, options, CancellationToken.None), options, CancellationToken.None);
        }

        [Fact]
        public async Task A_snapshot_set_becomes_tagged_volumes_in_the_source_instances_zone()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var mark = box.Mark();

            var outcome = await RestoreAsync(box, set, new SnapshotRestoreOptions { Wait = true });

            Assert.Empty(outcome.Errors);
            var result = outcome.Result!;
            Assert.Equal(SandboxSeed.Region + "a", result.AvailabilityZone); // web-1's zone
            Assert.Null(result.InstanceId);
            Assert.Equal(set.Snapshots.Select(s => s.SnapshotId).OrderBy(s => s), result.Volumes.Select(v => v.SnapshotId).OrderBy(s => s));
            Assert.All(result.Volumes, v => { Assert.Equal("available", v.State); Assert.False(v.Attached); });
            Assert.Equal(new[] { "CreateVolume", "CreateVolume" }, box.MutatingCallsSince(mark).Select(c => c.Split('@')[0]));

            using var ec2 = box.Client();
            var volumes = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = result.Volumes.Select(v => v.VolumeId).ToList() })).Volumes;
            Assert.All(volumes, v =>
            {
                var tags = v.Tags.ToDictionary(t => t.Key, t => t.Value);
                Assert.Equal(ManagedTags.ManagedByValue, tags[ManagedTags.ManagedByKey]);
                Assert.Equal(set.SetId, tags[ManagedTags.SourceSetKey]);
                Assert.Contains(set.SetId, tags["Name"]);
                Assert.False(tags.ContainsKey(ManagedTags.SetIdKey)); // a restored volume is no backup generation
            });
        }

        [Fact]
        public async Task Volumes_attach_to_a_stopped_instance_at_their_original_devices_or_the_next_free_one()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewSnapshotSetAsync(SandboxSeed.Web1); // xvda (root) and xvdf
            // batch-1 is stopped in zone c and already uses /dev/xvda.
            var outcome = await RestoreAsync(box, set, new SnapshotRestoreOptions { InstanceId = SandboxSeed.Batch1, Wait = true });

            Assert.Empty(outcome.Errors);
            var result = outcome.Result!;
            Assert.Equal(SandboxSeed.Batch1, result.InstanceId);
            Assert.Equal(SandboxSeed.Region + "c", result.AvailabilityZone);
            Assert.All(result.Volumes, v => Assert.True(v.Attached));
            var byOriginal = set.Snapshots.ToDictionary(s => s.SnapshotId, s => s.DeviceName);
            var data = result.Volumes.Single(v => byOriginal[v.SnapshotId] == "/dev/xvdf");
            var root = result.Volumes.Single(v => byOriginal[v.SnapshotId] == "/dev/xvda");
            Assert.Equal("/dev/xvdf", data.DeviceName); // free on batch-1: kept
            Assert.Equal("/dev/sdg", root.DeviceName);  // xvda taken; sdf is xvdf's slot; next free is sdg
            Assert.All(result.Volumes, v => Assert.Equal("in-use", v.State));
        }

        [Fact]
        public async Task An_image_set_launches_an_instance_with_the_source_instances_type_subnet_and_groups()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewImageSetAsync(SandboxSeed.Db1);
            var mark = box.Mark();

            var outcome = await RestoreAsync(box, set, new SnapshotRestoreOptions());

            var result = outcome.Result!;
            Assert.True(result.Launched);
            Assert.Equal(SnapshotSetKind.Image, result.Kind);
            Assert.Equal(set.ImageId, result.ImageId);
            Assert.Contains(result.State, new[] { "pending", "running" });
            Assert.Equal(3, result.Volumes.Length);
            var run = box.Host.Control.GetCalls(mark).Single(c => c.Action == "RunInstances");
            Assert.Equal("m5.large", run.Parameters["InstanceType"]);
            Assert.Equal(SandboxSeed.SubnetA, run.Parameters["SubnetId"]);
            Assert.Equal(SandboxSeed.OpsSecurityGroupId, run.Parameters["SecurityGroupId.1"]);

            using var ec2 = box.Client();
            var instance = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { result.InstanceId! } }))
                .Reservations[0].Instances[0];
            var tags = instance.Tags.ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal(set.SetId, tags[ManagedTags.SourceSetKey]);
            Assert.Equal(ManagedTags.ManagedByValue, tags[ManagedTags.ManagedByKey]);
            Assert.Contains(set.SetId, tags["Name"]);
        }

        [Fact]
        public async Task Launch_settings_given_override_the_source_instances()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewImageSetAsync(SandboxSeed.Db1);
            var plan = await new SnapshotRestorer(box.Session).PlanAsync(set, new SnapshotRestoreOptions
            {
                InstanceType = "t3.micro", SubnetId = SandboxSeed.SubnetC, SecurityGroupIds = new[] { SandboxSeed.WebSecurityGroupId },
            }, CancellationToken.None);
            Assert.Equal("t3.micro", plan.Launch!.InstanceType);
            Assert.Equal(SandboxSeed.SubnetC, plan.Launch.SubnetId);
            Assert.Equal(new[] { SandboxSeed.WebSecurityGroupId }, plan.Launch.SecurityGroupIds);
        }

        [Fact]
        public async Task Refusals_come_before_any_change()
        {
            using var box = new SnapshotSandbox();
            var done = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var pending = await box.NewSnapshotSetAsync(SandboxSeed.Web2, waitForCompletion: false);
            var restorer = new SnapshotRestorer(box.Session);
            var mark = box.Mark();

            async Task<string> Refused(SnapshotSet set, SnapshotRestoreOptions options)
                => (await Assert.ThrowsAsync<PatternException>(() => restorer.PlanAsync(set, options, CancellationToken.None))).ErrorId;

            Assert.Equal("SnapshotSetPending", await Refused(pending, new SnapshotRestoreOptions()));
            Assert.Equal("TargetInstanceNotFound", await Refused(done, new SnapshotRestoreOptions { InstanceId = "i-0123456789abcdef0" }));
            Assert.Equal("AvailabilityZoneMismatch", await Refused(done, new SnapshotRestoreOptions { InstanceId = SandboxSeed.Batch1, AvailabilityZone = SandboxSeed.Region + "a" }));
            Assert.Equal("SnapshotSetNotFound", await Refused(new SnapshotSet { SetId = "ss-0000000000000000", Region = SandboxSeed.Region }, new SnapshotRestoreOptions()));
            Assert.Empty(box.MutatingCallsSince(mark));
        }

        [Fact]
        public async Task A_pending_set_is_refused_with_how_to_wait_or_waited_for_with_Wait()
        {
            using var box = new SnapshotSandbox();
            var pending = await box.NewSnapshotSetAsync(SandboxSeed.Web2, waitForCompletion: false);
            Assert.Equal(SnapshotSetState.Pending, pending.State);
            var restorer = new SnapshotRestorer(box.Session);
            var mark = box.Mark();

            var error = await Assert.ThrowsAsync<PatternException>(() => restorer.PlanAsync(pending, new SnapshotRestoreOptions(), CancellationToken.None));
            Assert.Equal("SnapshotSetPending", error.ErrorId);
            Assert.Equal(PatternErrorCategory.ResourceUnavailable, error.Category);
            Assert.Contains("-Wait", error.Message);

            var plan = await restorer.PlanAsync(pending, new SnapshotRestoreOptions { Wait = true }, CancellationToken.None);
            Assert.Equal(SnapshotSetState.Completed, plan.Set.State);
            Assert.Equal(pending.Snapshots.Select(s => s.SnapshotId).OrderBy(id => id), plan.Volumes.Select(v => v.SnapshotId).OrderBy(id => id));
            lock (box.Log.ProgressRecords) Assert.Contains(box.Log.ProgressRecords, p => p.Activity.Contains("before the restore"));
            Assert.Empty(box.MutatingCallsSince(mark)); // planning, waiting included, changes nothing
        }

        [Fact]
        public async Task A_dr_copy_restores_in_a_zone_given_and_keeps_knowing_its_devices()
        {
            using var box = new SnapshotSandbox();
            var source = await box.NewSnapshotSetAsync(SandboxSeed.Web1);
            var copier = new SnapshotCopier(box.Session);
            var copy = await copier.ExecuteAsync(await copier.PlanAsync(source, new SnapshotCopyOptions(), CancellationToken.None), CancellationToken.None);
            copy = await SnapshotSetWaiter.WaitAsync(box.SessionIn(SandboxSeed.DrRegion), copy.SetId, copy.Kind, TimeSpan.FromSeconds(30), 1, "copy", CancellationToken.None);
            var restorer = new SnapshotRestorer(box.Session);

            var noZone = await Assert.ThrowsAsync<PatternException>(() => restorer.PlanAsync(copy, new SnapshotRestoreOptions(), CancellationToken.None));
            Assert.Equal("AvailabilityZoneRequired", noZone.ErrorId);

            var options = new SnapshotRestoreOptions { AvailabilityZone = SandboxSeed.DrRegion + "a" };
            var plan = await restorer.PlanAsync(copy, options, CancellationToken.None);
            Assert.Equal(new[] { "/dev/xvda", "/dev/xvdf" }, plan.Volumes.Select(v => v.OriginalDevice).OrderBy(d => d).ToArray());
            var outcome = await restorer.ExecuteAsync(plan, options, CancellationToken.None);
            Assert.Equal(SandboxSeed.DrRegion, outcome.Result!.Region);
            Assert.Equal(2, outcome.Result.Volumes.Length);
        }
    }
}
