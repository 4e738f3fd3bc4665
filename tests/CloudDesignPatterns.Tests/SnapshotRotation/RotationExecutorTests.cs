using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Tests.SnapshotRotation
{
    /// <summary>Plan, execute and verify against the sandbox over loopback.</summary>
    public class RotationExecutorTests
    {
        private static readonly RotationScope InstanceScope = new RotationScope { InstanceIds = new[] { RotationSandbox.Instance }, Policy = RotationSandbox.Policy };

        private static async Task<(RotationPlan Plan, IReadOnlyList<RotationOutcome> Outcomes)> RotateAsync(RotationSandbox sandbox, RotationScope scope, int? keep, TimeSpan? olderThan = null)
        {
            var plan = await RotationPlanning.PlanAsync(sandbox.Session, scope, new RotationRules(keep, olderThan), sandbox.Now, CancellationToken.None);
            var outcomes = await RotationExecutor.ExecuteAsync(sandbox.Session, plan.Remove, RotationExecutor.DefaultConcurrency, CancellationToken.None);
            return (plan, outcomes);
        }

        [Fact]
        public async Task Rotation_KeepsNGenerations_AndLeavesPendingUnmanagedAndBackupOwnedSnapshots()
        {
            using var sandbox = new RotationSandbox();
            var kept = new[] { sandbox.SeedSet(1), sandbox.SeedSet(2) };
            var old = new[] { sandbox.SeedSet(3, volumes: 2), sandbox.SeedSet(4) };
            var pending = sandbox.SeedSet(10, pending: true);
            var unmanaged = sandbox.SeedSet(11, managed: false);
            var backup = sandbox.SeedSet(12, extraTags: new Dictionary<string, string> { ["aws:backup:source-resource"] = "arn:aws:ec2:ap-northeast-1:123456789012:volume/vol-1" });

            var (plan, outcomes) = await RotateAsync(sandbox, InstanceScope, 2);

            Assert.Equal(old.Select(s => s.SetId).OrderBy(x => x), outcomes.Where(o => o.Result.Action == SnapshotRemovalAction.Removed).Select(o => o.Result.SetId).OrderBy(x => x));
            var existing = await sandbox.ExistingSnapshotsAsync();
            Assert.All(old.SelectMany(s => s.SnapshotIds), id => Assert.DoesNotContain(id, existing));
            Assert.All(kept.Concat(new[] { pending, unmanaged, backup }).SelectMany(s => s.SnapshotIds), id => Assert.Contains(id, existing));
            Assert.Contains(plan.Skip, i => i.Set.SetId == backup.SetId && i.Reason.Contains("aws:backup:source-resource"));
            Assert.Contains(plan.Skip, i => i.Set.SetId == unmanaged.SetId);
            Assert.Contains(plan.Keep, i => i.Set.SetId == pending.SetId);
        }

        [Fact]
        public async Task ImageSet_DeregistersTheImageFirst_ThenDeletesEverySnapshot()
        {
            using var sandbox = new RotationSandbox();
            sandbox.SeedSet(1);
            var image = sandbox.SeedImageSet(5, volumes: 2);
            sandbox.Host.Control.ClearCalls();

            var (_, outcomes) = await RotateAsync(sandbox, InstanceScope, 1);

            var result = Assert.Single(outcomes).Result;
            Assert.Equal(SnapshotRemovalAction.Removed, result.Action);
            Assert.Equal(image.ImageId, result.ImageId);
            var mutating = sandbox.Host.Control.GetCalls().Where(c => c.Action == "DeregisterImage" || c.Action == "DeleteSnapshot").Select(c => c.Action).ToList();
            Assert.Equal(new[] { "DeregisterImage", "DeleteSnapshot", "DeleteSnapshot" }, mutating);
            Assert.DoesNotContain(image.ImageId, await sandbox.ExistingImagesAsync());
            var existing = await sandbox.ExistingSnapshotsAsync();
            Assert.All(image.SnapshotIds, id => Assert.DoesNotContain(id, existing));
        }

        [Fact]
        public async Task SnapshotUsedByAForeignImage_IsSkipped_AndNothingOfItsSetIsDeleted()
        {
            using var sandbox = new RotationSandbox();
            sandbox.SeedSet(1);
            var used = sandbox.SeedSet(3);
            var foreign = sandbox.Host.Ec2.SeedImage(sandbox.Host.Region, new SeedImage { Name = "someone-elses", CreationDate = sandbox.Now, SnapshotIds = used.SnapshotIds.ToList() });
            sandbox.Host.Control.ClearCalls();

            var (plan, outcomes) = await RotateAsync(sandbox, InstanceScope, 1);

            Assert.Empty(outcomes);
            var skipped = Assert.Single(plan.Skip);
            Assert.Contains(foreign, skipped.Reason);
            Assert.DoesNotContain(sandbox.Host.Control.GetCalls(), c => c.Action == "DeleteSnapshot");
        }

        [Fact]
        public async Task FailedDelete_IsReportedOnItsOwnItem_AndTheOthersAreRemoved()
        {
            using var sandbox = new RotationSandbox();
            sandbox.SeedSet(1);
            var old = Enumerable.Range(2, 4).Select(d => sandbox.SeedSet(d)).ToList();
            // Two attempts per call (the session's retry policy): the first DeleteSnapshot exhausts both, the rest succeed.
            sandbox.Host.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 2, Action = "DeleteSnapshot" } });

            var plan = await RotationPlanning.PlanAsync(sandbox.Session, InstanceScope, new RotationRules(1, null), sandbox.Now, CancellationToken.None);
            var outcomes = await RotationExecutor.ExecuteAsync(sandbox.Session, plan.Remove, 1, CancellationToken.None);

            var failed = Assert.Single(outcomes, o => o.Result.Action == SnapshotRemovalAction.Failed);
            Assert.NotNull(failed.Error);
            Assert.Equal("InternalError", failed.Error!.AwsErrorCode);
            Assert.Equal(3, outcomes.Count(o => o.Result.Action == SnapshotRemovalAction.Removed));
            var existing = await sandbox.ExistingSnapshotsAsync();
            Assert.Contains(failed.Result.SnapshotIds[0], existing);
        }

        [Fact]
        public async Task Deletion_RemovesTheNamedSets_AndReportsUnknownIds()
        {
            using var sandbox = new RotationSandbox();
            var newest = sandbox.SeedSet(1);
            var other = sandbox.SeedSet(2);
            var scope = new RotationScope { SetIds = new[] { newest.SetId, "ss-00000000000000ff" } };

            var (plan, outcomes) = await RotateAsync(sandbox, scope, null);

            Assert.Equal(new[] { "ss-00000000000000ff" }, plan.NotFound);
            Assert.Equal(newest.SetId, Assert.Single(outcomes).Result.SetId);
            var existing = await sandbox.ExistingSnapshotsAsync();
            Assert.DoesNotContain(newest.SnapshotIds[0], existing);
            Assert.Contains(other.SnapshotIds[0], existing);
        }

        [Fact]
        public async Task Planning_OnlyDescribes()
        {
            using var sandbox = new RotationSandbox();
            sandbox.SeedSet(1);
            sandbox.SeedSet(2);
            sandbox.Host.Control.ClearCalls();
            var plan = await RotationPlanning.PlanAsync(sandbox.Session, InstanceScope, new RotationRules(1, null), sandbox.Now, CancellationToken.None);
            Assert.Single(plan.Remove);
            Assert.All(sandbox.Host.Control.GetCalls(), c => Assert.StartsWith("Describe", c.Action));
        }
    }
}
