using System;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotRotation
{
    /// <summary>Builds sets for planner tests: one per day going back from <see cref="Now"/>.</summary>
    internal static class PlannerSets
    {
        public static readonly DateTime Now = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

        public static SnapshotSet Set(int daysAgo, SnapshotSetState state = SnapshotSetState.Completed, bool managed = true,
            string instance = "i-0a1b2c3d4e5f60101", string policy = "nightly", string? imageId = null, params string[] snapshots)
            => new SnapshotSet
            {
                SetId = $"ss-{daysAgo:x16}",
                InstanceId = instance,
                Region = "ap-northeast-1",
                Policy = policy,
                Kind = imageId != null ? SnapshotSetKind.Image : SnapshotSetKind.Snapshots,
                ImageId = imageId,
                CreatedAt = Now.AddDays(-daysAgo),
                State = state,
                Managed = managed,
                Snapshots = (snapshots.Length > 0 ? snapshots : new[] { $"snap-{daysAgo:x17}" })
                    .Select(id => new SnapshotInfo { SnapshotId = id, VolumeId = "vol-0a1b2c3d4e5f60201", State = "completed", Progress = 100 }).ToArray(),
            };

        public static SnapshotSet[] Days(params int[] daysAgo) => daysAgo.Select(d => Set(d)).ToArray();
    }
}
