using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>
    /// Restores a set: plan (read-only: the set's current state, the source and target instances, zone and devices),
    /// execute (CreateVolume per snapshot then AttachVolume, or one RunInstances from an image set), verify (read back).
    /// </summary>
    public sealed class SnapshotRestorer
    {
        private readonly Ec2Session session;

        /// <param name="session">Credentials and endpoint; its region is used for sets that do not name their own.</param>
        public SnapshotRestorer(Ec2Session session) => this.session = session;

        public async Task<SnapshotRestorePlan> PlanAsync(SnapshotSet requested, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            var region = string.IsNullOrEmpty(requested.Region) ? session.Region : requested.Region;
            var ec2 = session.InRegion(region);
            // With -Wait a set still being taken (a restore drill right after the backup) is waited for, as a copy does.
            var set = (await SetResources.ReadCompletedAsync(ec2, requested.SetId, options.Wait, options.Timeout, "restore", cancel).ConfigureAwait(false)).Set;
            return set.Kind == SnapshotSetKind.Image
                ? await PlanLaunchAsync(ec2, set, options, cancel).ConfigureAwait(false)
                : await PlanVolumesAsync(ec2, set, options, cancel).ConfigureAwait(false);
        }

        private static async Task<SnapshotRestorePlan> PlanVolumesAsync(Ec2Session ec2, SnapshotSet set, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            var target = await InstanceLookup.FindAsync(ec2, options.InstanceId, cancel).ConfigureAwait(false);
            if (options.InstanceId != null)
            {
                if (target == null)
                    throw new PatternException("TargetInstanceNotFound", PatternErrorCategory.ObjectNotFound,
                        $"No instance {options.InstanceId} in {ec2.Region} to attach the restored volumes to.");
                var state = target.State?.Name?.Value;
                if (state == "terminated" || state == "shutting-down")
                    throw new PatternException("TargetInstanceTerminated", PatternErrorCategory.InvalidOperation,
                        $"Instance {options.InstanceId} is {state}; volumes cannot be attached to it.");
                var targetZone = target.Placement?.AvailabilityZone;
                if (options.AvailabilityZone != null && targetZone != null && options.AvailabilityZone != targetZone)
                    throw new PatternException("AvailabilityZoneMismatch", PatternErrorCategory.InvalidArgument,
                        $"Instance {options.InstanceId} is in {targetZone}; volumes attached to it must be created there, not in {options.AvailabilityZone}. Leave out -AvailabilityZone.");
            }
            var zone = options.AvailabilityZone ?? target?.Placement?.AvailabilityZone
                ?? (await InstanceLookup.FindAsync(ec2, set.InstanceId, cancel).ConfigureAwait(false))?.Placement?.AvailabilityZone
                ?? throw new PatternException("AvailabilityZoneRequired", PatternErrorCategory.InvalidArgument,
                    $"The source instance {set.InstanceId} of set {set.SetId} is not in {ec2.Region} (gone, or the set is a copy from {set.SourceRegion ?? "another region"}): " +
                    "give -AvailabilityZone or -InstanceId.");

            var wanted = set.Snapshots.Select(s => s.DeviceName).ToList();
            var devices = target != null ? DeviceNameAllocator.Assign(wanted, InstanceLookup.DevicesInUse(target)) : wanted.Select(_ => (string?)null).ToList();
            var volumes = set.Snapshots.Select((s, i) => new PlannedVolume(s.SnapshotId, s.SizeGiB, s.DeviceName, devices[i])).ToList();
            return new SnapshotRestorePlan(set, zone, target?.InstanceId, volumes, null);
        }

        private static async Task<SnapshotRestorePlan> PlanLaunchAsync(Ec2Session ec2, SnapshotSet set, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            if (options.InstanceId != null)
                throw new PatternException("ImageSetHasNoVolumesToAttach", PatternErrorCategory.InvalidArgument,
                    $"Set {set.SetId} is an image set: restoring it launches a new instance. Leave out -InstanceId.");
            var source = await InstanceLookup.FindAsync(ec2, set.InstanceId, cancel).ConfigureAwait(false);
            // A DR copy's source instance lives in the source region: its type still applies there, its subnet and groups do not.
            var sourceElsewhere = source == null && set.SourceRegion != null && set.SourceRegion != ec2.Region
                ? await InstanceLookup.FindAsync(ec2.InRegion(set.SourceRegion), set.InstanceId, cancel).ConfigureAwait(false)
                : null;
            var instanceType = options.InstanceType ?? source?.InstanceType?.Value ?? sourceElsewhere?.InstanceType?.Value
                ?? throw new PatternException("InstanceTypeRequired", PatternErrorCategory.InvalidArgument,
                    $"The source instance {set.InstanceId} of set {set.SetId} no longer exists: give -InstanceType.");
            var subnet = options.SubnetId ?? source?.SubnetId;
            var groups = options.SecurityGroupIds ?? source?.SecurityGroups?.Select(g => g.GroupId).ToList() ?? new List<string>();
            if (source == null && options.SubnetId == null)
                ec2.Log.Warning($"The source instance {set.InstanceId} is not in {ec2.Region}; EC2 picks the default subnet and security group. Give -SubnetId and -SecurityGroupId to choose.");
            var zone = subnet == source?.SubnetId ? source?.Placement?.AvailabilityZone ?? "" : "";
            return new SnapshotRestorePlan(set, zone, null, new PlannedVolume[0], new PlannedLaunch(set.ImageId!, instanceType, subnet, groups));
        }

        public Task<RestoreOutcome> ExecuteAsync(SnapshotRestorePlan plan, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            var ec2 = session.InRegion(plan.Region);
            return plan.Launch != null
                ? ImageLaunchExecutor.RunAsync(ec2, plan, options, cancel)
                : VolumeRestoreExecutor.RunAsync(ec2, plan, options, cancel);
        }
    }
}
