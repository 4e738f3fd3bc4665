using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;

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

        /// <summary>Pure checks before any AWS call: the ids' form, and attach-or-launch (never both).</summary>
        public SnapshotRestoreOptions RequireValid()
        {
            if (InstanceId != null) ResourceId.RequireParameter(ResourceKind.Instance, InstanceId, "InstanceId");
            if (SubnetId != null) ResourceId.RequireParameter(ResourceKind.Subnet, SubnetId, "SubnetId");
            foreach (var group in SecurityGroupIds ?? Array.Empty<string>()) ResourceId.RequireParameter(ResourceKind.SecurityGroup, group, "SecurityGroupId");
            if (InstanceId != null && (SubnetId != null || InstanceType != null || SecurityGroupIds != null))
                throw new PatternException("AttachOrLaunch", PatternErrorCategory.InvalidArgument,
                    "-InstanceId attaches restored volumes to an existing instance; -SubnetId, -InstanceType and -SecurityGroupId launch a new one from an image set. Give one or the other.");
            return this;
        }
    }
}
