using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>What New-PatternSnapshot would make: the plan -WhatIf prints and <see cref="SnapshotBackup.ExecuteAsync"/> carries out.</summary>
    public sealed class SnapshotBackupPlan
    {
        internal SnapshotBackupPlan(string region, IReadOnlyList<SnapshotBackupItem> items, IReadOnlyList<(string InstanceId, PatternException Error)> refused)
        {
            Region = region; Items = items; Refused = refused;
        }

        public string Region { get; }
        /// <summary>One set per instance, in the order the instances were given.</summary>
        public IReadOnlyList<SnapshotBackupItem> Items { get; }
        /// <summary>
        /// Instances that get no set (unknown in the region, or their settings refuse them), each with its error: one
        /// instance's problem never costs the others their backup, and is still reported so a job does not exit 0.
        /// </summary>
        public IReadOnlyList<(string InstanceId, PatternException Error)> Refused { get; }
    }

    /// <summary>One instance's set to make.</summary>
    public sealed class SnapshotBackupItem
    {
        internal SnapshotBackupItem(SnapshotRequest request, InstanceVolumes volumes, string region)
        {
            Request = request; Volumes = volumes; Region = region;
        }

        public SnapshotRequest Request { get; }
        internal InstanceVolumes Volumes { get; }
        public string Region { get; }

        /// <summary>ShouldProcess's target.</summary>
        public string Target => $"{Request.InstanceId} ({Region})";
        /// <summary>ShouldProcess's action: what would be made, with which settings.</summary>
        public string Action => SnapshotPlanner.Describe(Request);
    }
}
