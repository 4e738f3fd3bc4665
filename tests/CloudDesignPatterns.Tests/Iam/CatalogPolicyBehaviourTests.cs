using CloudDesignPatterns.Sandbox.Iam;
using static CloudDesignPatterns.Tests.Iam.CatalogScenario;

namespace CloudDesignPatterns.Tests.Iam
{
    /// <summary>Each published policy, run through the evaluator: the intended calls are allowed, the obvious wrong ones are not.</summary>
    public class CatalogPolicyBehaviourTests
    {
        private static readonly CatalogScenario Core = new CatalogScenario("Core", null);
        private static readonly CatalogScenario Backup = new CatalogScenario("Snapshot", "Snapshot");
        private static readonly CatalogScenario Rotation = new CatalogScenario("Snapshot", "SnapshotRotation");
        private static readonly CatalogScenario Restore = new CatalogScenario("Snapshot", "SnapshotRestore");
        private static readonly CatalogScenario FirewallAdmin = new CatalogScenario("Firewall", "FirewallAdministrator");

        [Theory]
        [InlineData("ec2:DescribeInstances")]
        [InlineData("ec2:DescribeTags")]
        [InlineData("ec2:DescribeInstanceAttribute")]
        [InlineData("ec2:DescribeRegions")]
        [InlineData("ec2:DescribeAvailabilityZones")]
        [InlineData("ec2:DescribeVolumes")]
        [InlineData("ec2:DescribeSnapshots")]
        [InlineData("ec2:DescribeImages")]
        [InlineData("ec2:DescribeRouteTables")]
        [InlineData("ec2:DescribeNetworkInterfaces")]
        [InlineData("ec2:DescribeAddresses")]
        [InlineData("ec2:DescribeSecurityGroups")]
        [InlineData("sts:GetCallerIdentity")]
        public void Core_allows_the_reads_of_the_core_cmdlets_and_completers(string action)
        {
            Assert.Equal(Decision.Allow, Core.Decide(action));
        }

        [Theory]
        [InlineData("ec2:CreateSnapshots", Instance)]
        [InlineData("ec2:ModifyInstanceAttribute", Instance)]
        [InlineData("ec2:CreateTags", Instance)]
        [InlineData("ec2:DescribeVpcs", "*")]
        [InlineData("sts:AssumeRole", "*")]
        public void Core_changes_nothing_and_reads_nothing_extra(string action, string resource)
        {
            Assert.Equal(Decision.ImplicitDeny, Core.Decide(action, resource));
        }

        [Fact]
        public void Snapshot_creates_a_managed_snapshot_set_of_an_instance()
        {
            Assert.Equal(Decision.Allow, Backup.Decide("ec2:CreateSnapshots", Instance));
            Assert.Equal(Decision.Allow, Backup.Decide("ec2:CreateSnapshots", Volume));
            Assert.Equal(Decision.Allow, Backup.Decide(Creating("ec2:CreateSnapshots", CatalogScenario.Snapshot)));
            Assert.Equal("CreateManagedSnapshotsAndImages", Backup.SidFor(Creating("ec2:CreateSnapshots", CatalogScenario.Snapshot)));
        }

        [Fact]
        public void Snapshot_cannot_create_an_untagged_or_mis_tagged_snapshot()
        {
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CreateSnapshots", CatalogScenario.Snapshot));
            var wrongValue = new AuthorizationRequest("ec2:CreateSnapshots", CatalogScenario.Snapshot)
                .With("aws:RequestTag/cdp:managed-by", "someone-else");
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide(wrongValue));
        }

        [Fact]
        public void Snapshot_creates_a_managed_image_of_an_instance()
        {
            Assert.Equal(Decision.Allow, Backup.Decide("ec2:CreateImage", Instance));
            Assert.Equal(Decision.Allow, Backup.Decide(Creating("ec2:CreateImage", Image)));
            Assert.Equal(Decision.Allow, Backup.Decide(Creating("ec2:CreateImage", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CreateImage", Image));
        }

        [Fact]
        public void Snapshot_copies_only_into_managed_snapshots_and_images()
        {
            Assert.Equal(Decision.Allow, Backup.Decide(Creating("ec2:CopySnapshot", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.Allow, Backup.Decide(Creating("ec2:CopyImage", Image)));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CopySnapshot", CatalogScenario.Snapshot));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CopyImage", Image));
        }

        [Theory]
        [InlineData("CreateSnapshots", CatalogScenario.Snapshot)]
        [InlineData("CreateImage", Image)]
        [InlineData("CopySnapshot", CatalogScenario.Snapshot)]
        [InlineData("CopyImage", Image)]
        public void Snapshot_tags_only_while_creating(string createAction, string resource)
        {
            Assert.Equal(Decision.Allow, Backup.Decide(TaggingDuring(createAction, resource)));
        }

        [Fact]
        public void Snapshot_cannot_tag_outside_creation_or_tag_other_resources()
        {
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CreateTags", CatalogScenario.Snapshot));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide(TaggingDuring("CreateVolume", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide(TaggingDuring("CreateSnapshots", Instance)));
        }

        [Fact]
        public void Snapshot_cannot_delete_backups_even_managed_ones()
        {
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide(OnManaged("ec2:DeleteSnapshot", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide(OnManaged("ec2:DeregisterImage", Image)));
            Assert.Equal(Decision.ImplicitDeny, Backup.Decide("ec2:CreateVolume", Volume));
        }

        [Fact]
        public void Rotation_deletes_only_managed_snapshots_and_images()
        {
            Assert.Equal(Decision.Allow, Rotation.Decide(OnManaged("ec2:DeleteSnapshot", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.Allow, Rotation.Decide(OnManaged("ec2:DeregisterImage", Image)));
            Assert.Equal("DeleteOnlyManagedSnapshotsAndImages", Rotation.SidFor(OnManaged("ec2:DeleteSnapshot", CatalogScenario.Snapshot)));
        }

        [Fact]
        public void Rotation_cannot_delete_an_untagged_or_foreign_snapshot()
        {
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide("ec2:DeleteSnapshot", CatalogScenario.Snapshot));
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide("ec2:DeregisterImage", Image));
            var foreign = new AuthorizationRequest("ec2:DeleteSnapshot", CatalogScenario.Snapshot).With("aws:ResourceTag/cdp:managed-by", "Backup-Vendor");
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide(foreign));
            // A managed-by request tag does not stand in for the tag on the existing resource.
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide(Creating("ec2:DeleteSnapshot", CatalogScenario.Snapshot)));
        }

        [Fact]
        public void Rotation_cannot_create_or_delete_anything_else()
        {
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide("ec2:CreateSnapshots", Instance));
            Assert.Equal(Decision.ImplicitDeny, Rotation.Decide(OnManaged("ec2:DeleteVolume", Volume)));
            Assert.Equal(Decision.Allow, Rotation.Decide("ec2:DescribeSnapshots"));
        }

        [Fact]
        public void Restore_creates_managed_volumes_from_managed_snapshots()
        {
            Assert.Equal(Decision.Allow, Restore.Decide(Creating("ec2:CreateVolume", Volume)));
            Assert.Equal(Decision.Allow, Restore.Decide(OnManaged("ec2:CreateVolume", CatalogScenario.Snapshot)));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:CreateVolume", Volume));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:CreateVolume", CatalogScenario.Snapshot));
        }

        [Fact]
        public void Restore_attaches_only_managed_volumes()
        {
            Assert.Equal(Decision.Allow, Restore.Decide("ec2:AttachVolume", Instance));
            Assert.Equal(Decision.Allow, Restore.Decide(OnManaged("ec2:AttachVolume", Volume)));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:AttachVolume", Volume));
        }

        [Fact]
        public void Restore_launches_only_from_managed_images()
        {
            Assert.Equal(Decision.Allow, Restore.Decide(OnManaged("ec2:RunInstances", Image)));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:RunInstances", Image));
            foreach (var resource in new[] { Instance, Volume, NetworkInterface, Subnet, SecurityGroup })
            {
                Assert.Equal(Decision.Allow, Restore.Decide("ec2:RunInstances", resource));
            }
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:RunInstances", KeyPair));
        }

        [Fact]
        public void Restore_tags_only_while_creating_volumes_and_instances()
        {
            Assert.Equal(Decision.Allow, Restore.Decide(TaggingDuring("CreateVolume", Volume)));
            Assert.Equal(Decision.Allow, Restore.Decide(TaggingDuring("RunInstances", Instance)));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide("ec2:CreateTags", Instance));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide(TaggingDuring("CreateSnapshots", CatalogScenario.Snapshot)));
        }

        [Theory]
        [InlineData("ec2:StopInstances")]
        [InlineData("ec2:StartInstances")]
        [InlineData("ec2:TerminateInstances")]
        [InlineData("ec2:DetachVolume")]
        public void Restore_does_not_stop_start_or_terminate(string action)
        {
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide(OnManaged(action, Instance)));
            Assert.Equal(Decision.ImplicitDeny, Restore.Decide(OnManaged("ec2:DeleteSnapshot", CatalogScenario.Snapshot)));
        }

        [Theory]
        [InlineData("ec2:AuthorizeSecurityGroupIngress")]
        [InlineData("ec2:RevokeSecurityGroupIngress")]
        [InlineData("ec2:UpdateSecurityGroupRuleDescriptionsIngress")]
        public void FirewallAdministrator_changes_rules_only_of_managed_groups(string action)
        {
            Assert.Equal(Decision.Allow, FirewallAdmin.Decide(OnManaged(action, SecurityGroup)));
            Assert.Equal("ChangeRulesOfManagedGroups", FirewallAdmin.SidFor(OnManaged(action, SecurityGroup)));
            Assert.Equal(Decision.ImplicitDeny, FirewallAdmin.Decide(action, SecurityGroup));
        }
    }
}
