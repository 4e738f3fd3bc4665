using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Snapshots.Backup
{
    /// <summary>What New-PatternSnapshot would make: the plan -WhatIf prints and <see cref="SnapshotBackup.ExecuteAsync"/> carries out.</summary>
    public sealed class SnapshotBackupPlan
    {
        internal SnapshotBackupPlan(IReadOnlyList<SnapshotBackupItem> items, IReadOnlyList<(string InstanceId, PatternException Error)> refused)
        {
            Items = items; Refused = refused;
        }

        /// <summary>One set per instance, in the order the instances were given.</summary>
        public IReadOnlyList<SnapshotBackupItem> Items { get; }
        /// <summary>Instances that get no set (unknown, or refused by their settings), each with its error: never at the others' cost, never silently.</summary>
        public IReadOnlyList<(string InstanceId, PatternException Error)> Refused { get; }
    }

    /// <summary>One instance's set to make; <see cref="Target"/> and <see cref="Action"/> are what ShouldProcess asks.</summary>
    public sealed class SnapshotBackupItem
    {
        internal SnapshotBackupItem(SnapshotRequest request, InstanceVolumes volumes, string region)
        {
            Request = request; Volumes = volumes; Target = $"{request.InstanceId} ({region})";
        }

        public SnapshotRequest Request { get; }
        internal InstanceVolumes Volumes { get; }
        public string Target { get; }
        public string Action => SnapshotPlanner.Describe(Request);
    }
}
