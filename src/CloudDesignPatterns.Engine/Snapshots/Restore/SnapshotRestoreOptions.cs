using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    public sealed class SnapshotRestoreOptions
    {
        /// <summary>Where to create volumes; default the target instance's AZ, else the source instance's.</summary>
        public string? AvailabilityZone { get; set; }
        /// <summary>Attach the restored volumes to this instance (stopped or running).</summary>
        public string? InstanceId { get; set; }
        /// <summary>For an image set: launch settings; each defaults to the source instance's.</summary>
        public string? SubnetId { get; set; }
        public string? InstanceType { get; set; }
        public IReadOnlyList<string>? SecurityGroupIds { get; set; }
        /// <summary>Wait for a pending set to complete first, and until volumes are attached (or the instance is running).</summary>
        public bool Wait { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
    }
}
