using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>What restoring one set would create: the plan -WhatIf prints and ExecuteAsync carries out.</summary>
    public sealed class SnapshotRestorePlan
    {
        internal SnapshotRestorePlan(SnapshotSet set, string availabilityZone, string? targetInstanceId, IReadOnlyList<PlannedVolume> volumes,
            PlannedLaunch? launch)
        {
            Set = set;
            AvailabilityZone = availabilityZone;
            TargetInstanceId = targetInstanceId;
            Volumes = volumes;
            Launch = launch;
        }

        public SnapshotSet Set { get; }
        public string Region => Set.Region;
        /// <summary>For a launch: the subnet's zone, or "" when EC2 chooses.</summary>
        public string AvailabilityZone { get; }
        public string? TargetInstanceId { get; }
        /// <summary>Volumes to create from a snapshot set (empty for an image set).</summary>
        public IReadOnlyList<PlannedVolume> Volumes { get; }
        /// <summary>The instance to launch from an image set (null for a snapshot set).</summary>
        public PlannedLaunch? Launch { get; }

        public string Describe()
        {
            if (Launch != null)
                return $"Launch one {Launch.InstanceType} instance from image {Launch.ImageId} of set {Set.SetId} ({Set.InstanceId}) in {Region}, " +
                       $"subnet {Launch.SubnetId ?? "(EC2 default)"}, security groups {(Launch.SecurityGroupIds.Count > 0 ? string.Join(",", Launch.SecurityGroupIds) : "(EC2 default)")}.";
            var volumes = string.Join(", ", Volumes.Select(v => $"{v.SnapshotId} ({v.SizeGiB} GiB){(TargetInstanceId != null ? " at " + (v.DeviceName ?? "no free device") : "")}"));
            var attach = TargetInstanceId != null ? $" and attach them to {TargetInstanceId}" : "";
            return $"Create {Volumes.Count} volumes from set {Set.SetId} ({Set.InstanceId}) in {Region} {AvailabilityZone}{attach}: {volumes}.";
        }

        public override string ToString() => Describe();
    }

    public sealed class PlannedVolume
    {
        public PlannedVolume(string snapshotId, int sizeGiB, string? originalDevice, string? deviceName)
        {
            SnapshotId = snapshotId;
            SizeGiB = sizeGiB;
            OriginalDevice = originalDevice;
            DeviceName = deviceName;
        }

        public string SnapshotId { get; }
        public int SizeGiB { get; }
        /// <summary>Where the source volume was attached on the source instance.</summary>
        public string? OriginalDevice { get; }
        /// <summary>Where it will be attached on the target; null when no target was given, or no device is free.</summary>
        public string? DeviceName { get; }
    }

    public sealed class PlannedLaunch
    {
        public PlannedLaunch(string imageId, string instanceType, string? subnetId, IReadOnlyList<string> securityGroupIds)
        {
            ImageId = imageId;
            InstanceType = instanceType;
            SubnetId = subnetId;
            SecurityGroupIds = securityGroupIds;
        }

        public string ImageId { get; }
        public string InstanceType { get; }
        public string? SubnetId { get; }
        public IReadOnlyList<string> SecurityGroupIds { get; }
    }
}
