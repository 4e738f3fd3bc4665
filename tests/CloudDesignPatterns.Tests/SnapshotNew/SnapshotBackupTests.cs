using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Backup;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Tests.SnapshotCopyRestore;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>New-PatternSnapshot's engine against the sandbox: the plan changes nothing, and a set is reported made only when it is whole.</summary>
    public class SnapshotBackupTests
    {
        private const string Unknown = "i-0a1b2c3d4e5f6ffff";

        [Fact]
        public async Task Plans_the_known_instance_refuses_the_unknown_one_and_changes_nothing()
        {
            using var box = new SnapshotSandbox();
            var mark = box.Mark();

            var plan = await new SnapshotBackup(box.Session).PlanAsync(
                new SnapshotBackupOptions { InstanceIds = new[] { SandboxSeed.Web1, Unknown, SandboxSeed.Web1 } }, CancellationToken.None);

            var item = Assert.Single(plan.Items);
            Assert.Equal(SandboxSeed.Web1, item.Request.InstanceId);
            Assert.Equal($"{SandboxSeed.Web1} ({SandboxSeed.Region})", item.Target);
            var (id, error) = Assert.Single(plan.Refused);
            Assert.Equal(Unknown, id);
            Assert.Equal("AwsCallFailed.InvalidInstanceID.NotFound", error.ErrorId);
            Assert.Equal(PatternErrorCategory.ObjectNotFound, error.Category);
            Assert.Empty(box.MutatingCallsSince(mark));
        }

        [Fact]
        public async Task Refuses_the_source_region_as_DR_region_before_reading_any_instance()
        {
            using var box = new SnapshotSandbox();
            var mark = box.Mark();
            var options = new SnapshotBackupOptions
            {
                InstanceIds = new[] { SandboxSeed.Web1 },
                TypedSettings = new Dictionary<string, object?> { ["DestinationRegion"] = SandboxSeed.Region },
            };

            var error = await Assert.ThrowsAsync<PatternException>(() => new SnapshotBackup(box.Session).PlanAsync(options, CancellationToken.None));

            Assert.Equal("DestinationIsSourceRegion", error.ErrorId);
            Assert.DoesNotContain(box.Host.Control.GetCalls(mark), c => c.Action == "DescribeInstances");
        }

        [Fact]
        public async Task Makes_each_approved_set_verified_with_one_snapshot_per_volume()
        {
            using var box = new SnapshotSandbox();
            var options = new SnapshotBackupOptions { InstanceIds = new[] { SandboxSeed.Web1 } };
            var backup = new SnapshotBackup(box.Session);
            var plan = await backup.PlanAsync(options, CancellationToken.None);
            var made = new List<SnapshotSet>();
            var failed = new List<(string, PatternException)>();

            await backup.ExecuteAsync(plan.Items, options, made.Add, (i, e) => failed.Add((i, e)), CancellationToken.None);

            Assert.Empty(failed);
            var set = Assert.Single(made);
            Assert.Equal(new[] { SandboxSeed.Web1RootVolume, SandboxSeed.Web1DataVolume }, set.Snapshots.Select(s => s.VolumeId).OrderBy(v => v).ToArray());
        }

        /// <summary>
        /// The instance changed between plan and create (a volume detached): EC2 makes fewer snapshots than planned.
        /// SnapshotCreator.Verify must turn that into an error; without it the short set would be reported as a backup.
        /// </summary>
        [Fact]
        public async Task Reports_a_set_with_fewer_snapshots_than_planned_volumes_as_incomplete()
        {
            using var box = new SnapshotSandbox();
            var options = new SnapshotBackupOptions { InstanceIds = new[] { SandboxSeed.Web1 } };
            var backup = new SnapshotBackup(box.Session);
            var planned = Assert.Single((await backup.PlanAsync(options, CancellationToken.None)).Items);
            var devices = planned.Volumes.VolumeDevices.Append(new KeyValuePair<string, string>("vol-0a1b2c3d4e5f6fff0", "/dev/xvdg")).ToList();
            var stale = new SnapshotBackupItem(planned.Request,
                new InstanceVolumes(planned.Volumes.InstanceId, planned.Volumes.AvailabilityZone, planned.Volumes.RootDeviceName, devices, planned.Volumes.Tags),
                SandboxSeed.Region);
            var made = new List<SnapshotSet>();
            var failed = new List<(string Id, PatternException Error)>();

            await backup.ExecuteAsync(new[] { stale }, options, made.Add, (i, e) => failed.Add((i, e)), CancellationToken.None);

            Assert.Empty(made);
            var (id, error) = Assert.Single(failed);
            Assert.Equal(SandboxSeed.Web1, id);
            Assert.Equal("SnapshotSetIncomplete", error.ErrorId);
            Assert.Contains("2 snapshot(s) for 3 volume(s)", error.Message);
        }
    }
}
