using System;

namespace CloudDesignPatterns.Model.Snapshots
{
    public enum SnapshotSetKind
    {
        /// <summary>A crash-consistent multi-volume snapshot set (CreateSnapshots).</summary>
        Snapshots,
        /// <summary>An AMI and the snapshots behind it (CreateImage).</summary>
        Image,
    }

    public enum SnapshotSetState
    {
        Pending,
        Completed,
        /// <summary>At least one snapshot (or the image) failed.</summary>
        Failed,
        /// <summary>
        /// Every snapshot completed, but the set holds more than one snapshot of the same source volume (a create that
        /// EC2 carried out twice, e.g. after a 5xx). The data is complete, only duplicated: a rotation counts the set as
        /// one generation and, when it removes it, deletes every snapshot; copy and restore refuse it, since they would
        /// copy or restore the volume twice.
        /// </summary>
        Overfull,
    }

    /// <summary>
    /// One backup of one instance: the snapshots made together (and the AMI, for an image set), named by a set id
    /// that every resource of the set carries in the tag cdp:snapshot:set-id. Properties are named after the parameters
    /// of the next cmdlet (SetId, InstanceId, Region, Policy, DestinationRegion) so sets bind down a pipeline.
    /// </summary>
    public sealed class SnapshotSet
    {
        public string SetId { get; set; } = "";
        public string InstanceId { get; set; } = "";
        public string Region { get; set; } = "";
        public string Policy { get; set; } = "";
        public SnapshotSetKind Kind { get; set; }
        /// <summary>The AMI of an image set; null for a snapshot set.</summary>
        public string? ImageId { get; set; }
        public string? Name { get; set; }
        public SnapshotInfo[] Snapshots { get; set; } = new SnapshotInfo[0];
        public DateTime CreatedAt { get; set; }
        public SnapshotSetState State { get; set; }
        /// <summary>False for snapshots not made by this module (shown with -IncludeUnmanaged).</summary>
        public bool Managed { get; set; } = true;
        /// <summary>The DR region configured for the instance (cdp:snapshot:destination-region), so Copy-PatternSnapshot needs no argument.</summary>
        public string? DestinationRegion { get; set; }
        /// <summary>For a copy: the region and set it was copied from.</summary>
        public string? SourceRegion { get; set; }
        public string? SourceSetId { get; set; }

        public override string ToString() => SetId;
    }

    /// <summary>One snapshot of a set.</summary>
    public sealed class SnapshotInfo
    {
        public string VolumeId { get; set; } = "";
        public string SnapshotId { get; set; } = "";
        /// <summary>Where the volume was attached on the source instance (e.g. /dev/xvdf).</summary>
        public string? DeviceName { get; set; }
        public int SizeGiB { get; set; }
        /// <summary>pending, completed, error (as EC2 reports it).</summary>
        public string State { get; set; } = "";
        /// <summary>0..100.</summary>
        public int Progress { get; set; }

        public override string ToString() => SnapshotId;
    }
}
