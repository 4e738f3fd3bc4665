namespace CloudDesignPatterns.Model.Snapshots
{
    /// <summary>
    /// What Restore-PatternSnapshot created from one set: volumes (attached to InstanceId when a target was given) or,
    /// from an image set, the instance it launched. InstanceId and Region bind by property name to the next cmdlet.
    /// </summary>
    public sealed class RestoreResult
    {
        public string SetId { get; set; } = "";
        public string Region { get; set; } = "";
        public SnapshotSetKind Kind { get; set; }
        /// <summary>The instance launched from an image set, or the instance the volumes were attached to; null for detached volumes.</summary>
        public string? InstanceId { get; set; }
        /// <summary>True when InstanceId is an instance this restore launched (image set).</summary>
        public bool Launched { get; set; }
        public string AvailabilityZone { get; set; } = "";
        /// <summary>The image an instance was launched from; null for a snapshot set.</summary>
        public string? ImageId { get; set; }
        public RestoredVolume[] Volumes { get; set; } = new RestoredVolume[0];
        /// <summary>As read back after the change: the volumes' state (available, in-use) or the instance's (pending, running).</summary>
        public string State { get; set; } = "";

        public override string ToString() => InstanceId ?? string.Join(",", System.Linq.Enumerable.Select(Volumes, v => v.VolumeId));
    }

    /// <summary>One volume a restore created.</summary>
    public sealed class RestoredVolume
    {
        public string VolumeId { get; set; } = "";
        public string SnapshotId { get; set; } = "";
        /// <summary>The device it is (or would be) attached at; null when it was left detached.</summary>
        public string? DeviceName { get; set; }
        public bool Attached { get; set; }
        public int SizeGiB { get; set; }
        /// <summary>available, in-use, creating (as EC2 reports it).</summary>
        public string State { get; set; } = "";

        public override string ToString() => VolumeId;
    }
}
