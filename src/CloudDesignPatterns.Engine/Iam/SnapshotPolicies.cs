using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// The Snapshot pattern split by duty, so the host that backs itself up cannot delete backups, rotation cannot
    /// create them, and only a restore role can launch or attach anything. Everything the module creates must carry the
    /// managed-by tag at creation, and only resources carrying it can be deleted or restored from.
    /// </summary>
    internal static class SnapshotPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Snapshot",
            "Crash-consistent snapshot sets and AMIs of an instance, kept to N generations, copied to a DR region and restorable.",
            Backup(),
            Rotation(),
            Restore());

        private static RoleDefinition Backup() => new RoleDefinition(
            "Snapshot",
            "The instance backing itself up (New-PatternSnapshot, Copy-PatternSnapshot, Get-PatternSnapshot): creates and " +
            "copies snapshots and AMIs tagged as managed, and cannot delete anything.",
            Allow("DescribeForSnapshot")
                .Actions(
                    "ec2:DescribeInstances",
                    "ec2:DescribeVolumes",
                    "ec2:DescribeSnapshots",
                    "ec2:DescribeImages",
                    "ec2:DescribeTags",
                    "ec2:DescribeInstanceAttribute",
                    "ec2:DescribeRegions")
                .On(Ec2Arns.Any),
            Allow("SnapshotSourceInstanceAndVolumes")
                .Actions("ec2:CreateSnapshots")
                .On(Ec2Arns.Instance, Ec2Arns.Volume),
            Allow("ImageSourceInstance")
                .Actions("ec2:CreateImage")
                .On(Ec2Arns.Instance),
            Allow("CreateManagedSnapshotsAndImages")
                .Actions("ec2:CreateSnapshots", "ec2:CreateImage")
                .On(Ec2Arns.Snapshot, Ec2Arns.Image)
                .WhenCreatedAsManaged(),
            // A copy names two resources: the source (checked with its own tags) and the new copy (checked with the
            // request's tags). So copying needs both: only from a managed source, and only into a copy tagged as managed.
            Allow("CopyFromManagedSnapshotsAndImages")
                .Actions("ec2:CopySnapshot", "ec2:CopyImage")
                .On(Ec2Arns.Snapshot, Ec2Arns.Image)
                .WhenResourceManaged(),
            Allow("CopyToManagedSnapshotsAndImages")
                .Actions("ec2:CopySnapshot", "ec2:CopyImage")
                .On(Ec2Arns.Snapshot, Ec2Arns.Image)
                .WhenCreatedAsManaged(),
            Allow("TagOnlyWhenCreating")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.Snapshot, Ec2Arns.Image)
                .WhenTaggingOnCreate("CreateSnapshots", "CreateImage", "CopySnapshot", "CopyImage"));

        private static RoleDefinition Rotation() => new RoleDefinition(
            "SnapshotRotation",
            "Keeping N generations (Remove-PatternSnapshot and the rotation step after a new snapshot set): deletes snapshots and " +
            "deregisters AMIs, but only those tagged as managed by this module.",
            Allow("DescribeForRotation")
                .Actions(
                    "ec2:DescribeSnapshots",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstances",
                    "ec2:DescribeTags")
                .On(Ec2Arns.Any),
            Allow("DeleteOnlyManagedSnapshotsAndImages")
                .Actions("ec2:DeleteSnapshot", "ec2:DeregisterImage")
                .On(Ec2Arns.Snapshot, Ec2Arns.Image)
                .WhenResourceManaged());

        private static RoleDefinition Restore() => new RoleDefinition(
            "SnapshotRestore",
            "Restore-PatternSnapshot, run by an operator or a recovery job: creates managed volumes from managed snapshots, " +
            "attaches managed volumes and launches instances from managed AMIs; it does not stop or start instances.",
            Allow("DescribeForRestore")
                .Actions(
                    "ec2:DescribeInstances",
                    "ec2:DescribeVolumes",
                    "ec2:DescribeSnapshots",
                    "ec2:DescribeImages",
                    "ec2:DescribeTags",
                    "ec2:DescribeAvailabilityZones")
                .On(Ec2Arns.Any),
            Allow("CreateManagedVolume")
                .Actions("ec2:CreateVolume")
                .On(Ec2Arns.Volume)
                .WhenCreatedAsManaged(),
            Allow("CreateVolumeFromManagedSnapshot")
                .Actions("ec2:CreateVolume")
                .On(Ec2Arns.Snapshot)
                .WhenResourceManaged(),
            Allow("AttachToInstance")
                .Actions("ec2:AttachVolume")
                .On(Ec2Arns.Instance),
            Allow("AttachOnlyManagedVolume")
                .Actions("ec2:AttachVolume")
                .On(Ec2Arns.Volume)
                .WhenResourceManaged(),
            Allow("RunFromManagedImage")
                .Actions("ec2:RunInstances")
                .On(Ec2Arns.Image)
                .WhenResourceManaged(),
            Allow("RunInstancesResources")
                .Actions("ec2:RunInstances")
                .On(Ec2Arns.Instance, Ec2Arns.Volume, Ec2Arns.NetworkInterface, Ec2Arns.Subnet, Ec2Arns.SecurityGroup),
            Allow("TagOnlyWhenCreating")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.Volume, Ec2Arns.Instance)
                .WhenTaggingOnCreate("CreateVolume", "RunInstances"));
    }
}
