using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Authorization
{
    /// <summary>
    /// Which resources each EC2 action is authorized on, after the Service Authorization Reference for Amazon EC2.
    /// Every handler calls exactly one of these before it changes or returns anything; read this file to audit
    /// what a policy must allow. Describe* actions are authorized on "*". Each ends with Checked(), where a
    /// DryRun request stops with DryRunOperation before anything changes.
    /// </summary>
    internal static class Ec2ActionPolicy
    {
        private static readonly Dictionary<string, string> NoTags = new Dictionary<string, string>();

        public static void Describe(Ec2Authorizer a)
        {
            a.Unscoped();
            a.Checked();
        }

        /// <summary>StartInstances, StopInstances, TerminateInstances, ModifyInstanceAttribute: instance*.</summary>
        public static void Instances(Ec2Authorizer a, IEnumerable<InstanceRecord> instances)
        {
            foreach (var i in instances) a.Existing(Ec2Arns.Instance(a.Region, a.Account, i.Id), i);
            a.Checked();
        }

        /// <summary>CreateTags / DeleteTags: each resource, with its current tags and the request's tags.</summary>
        public static void Tagging(Ec2Authorizer a, IEnumerable<Ec2Resource> resources, IDictionary<string, string> requestTags)
        {
            foreach (var r in resources) a.Existing(ArnOf(a, r), r, requestTags);
            a.Checked();
        }

        /// <summary>CreateSnapshots: instance*, volume* (each one snapshotted), snapshot* (each new one).</summary>
        public static void CreateSnapshots(Ec2Authorizer a, InstanceRecord instance, IEnumerable<VolumeRecord> volumes,
            IEnumerable<string> newSnapshotIds, IDictionary<string, string> snapshotTags)
        {
            a.Existing(Ec2Arns.Instance(a.Region, a.Account, instance.Id), instance);
            foreach (var v in volumes) a.Existing(Ec2Arns.Volume(a.Region, a.Account, v.Id), v);
            foreach (var id in newSnapshotIds) a.Creating(Ec2Arns.Snapshot(a.Region, id), snapshotTags);
            a.Checked();
        }

        /// <summary>CreateSnapshot: volume*, snapshot*.</summary>
        public static void CreateSnapshot(Ec2Authorizer a, VolumeRecord volume, string newSnapshotId, IDictionary<string, string> tags)
        {
            a.Existing(Ec2Arns.Volume(a.Region, a.Account, volume.Id), volume);
            a.Creating(Ec2Arns.Snapshot(a.Region, newSnapshotId), tags);
            a.Checked();
        }

        /// <summary>CreateImage: instance*, image* (new), snapshot* (each new).</summary>
        public static void CreateImage(Ec2Authorizer a, InstanceRecord instance, string newImageId, IDictionary<string, string> imageTags,
            IEnumerable<string> newSnapshotIds, IDictionary<string, string> snapshotTags)
        {
            a.Existing(Ec2Arns.Instance(a.Region, a.Account, instance.Id), instance);
            a.Creating(Ec2Arns.Image(a.Region, newImageId), imageTags);
            foreach (var id in newSnapshotIds) a.Creating(Ec2Arns.Snapshot(a.Region, id), snapshotTags);
            a.Checked();
        }

        /// <summary>CopySnapshot: snapshot* — the source (in its region) and the copy (in the call's region).</summary>
        public static void CopySnapshot(Ec2Authorizer a, string sourceRegion, SnapshotRecord source, string newSnapshotId, IDictionary<string, string> tags)
        {
            a.Existing(Ec2Arns.Snapshot(sourceRegion, source.Id), source);
            a.Creating(Ec2Arns.Snapshot(a.Region, newSnapshotId), tags);
            a.Checked();
        }

        /// <summary>CopyImage: image* — the source (in its region) and the copy.</summary>
        public static void CopyImage(Ec2Authorizer a, string sourceRegion, ImageRecord source, string newImageId, IDictionary<string, string> tags)
        {
            a.Existing(Ec2Arns.Image(sourceRegion, source.Id), source);
            a.Creating(Ec2Arns.Image(a.Region, newImageId), tags);
            a.Checked();
        }

        public static void DeleteSnapshot(Ec2Authorizer a, SnapshotRecord s)
        {
            a.Existing(Ec2Arns.Snapshot(a.Region, s.Id), s);
            a.Checked();
        }

        public static void DeregisterImage(Ec2Authorizer a, ImageRecord i)
        {
            a.Existing(Ec2Arns.Image(a.Region, i.Id), i);
            a.Checked();
        }

        /// <summary>CreateVolume: volume* (new), snapshot (when restoring one).</summary>
        public static void CreateVolume(Ec2Authorizer a, string newVolumeId, IDictionary<string, string> tags, SnapshotRecord? fromSnapshot)
        {
            if (fromSnapshot != null) a.Existing(Ec2Arns.Snapshot(a.Region, fromSnapshot.Id), fromSnapshot);
            a.Creating(Ec2Arns.Volume(a.Region, a.Account, newVolumeId), tags);
            a.Checked();
        }

        /// <summary>DeleteVolume: volume*.</summary>
        public static void DeleteVolume(Ec2Authorizer a, VolumeRecord v)
        {
            a.Existing(Ec2Arns.Volume(a.Region, a.Account, v.Id), v);
            a.Checked();
        }

        /// <summary>AttachVolume / DetachVolume: instance*, volume*.</summary>
        public static void VolumeAttachment(Ec2Authorizer a, InstanceRecord instance, VolumeRecord volume)
        {
            a.Existing(Ec2Arns.Instance(a.Region, a.Account, instance.Id), instance);
            a.Existing(Ec2Arns.Volume(a.Region, a.Account, volume.Id), volume);
            a.Checked();
        }

        /// <summary>RunInstances: image*, subnet*, security-group*, instance* (new, with the launch's ec2:Metadata* keys),
        /// network-interface* (new), volume* (new).</summary>
        public static void RunInstances(Ec2Authorizer a, ImageRecord image, SubnetRecord subnet, IEnumerable<SecurityGroupRecord> groups,
            IEnumerable<string> newInstanceIds, IDictionary<string, string> instanceTags,
            IEnumerable<string> newVolumeIds, IDictionary<string, string> volumeTags, IEnumerable<string> newInterfaceIds,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? instanceKeys = null)
        {
            a.Existing(Ec2Arns.Image(a.Region, image.Id), image);
            a.Existing(Ec2Arns.Subnet(a.Region, a.Account, subnet.Id), subnet);
            foreach (var g in groups) a.Existing(Ec2Arns.SecurityGroup(a.Region, a.Account, g.Id), g);
            foreach (var id in newInstanceIds) a.Creating(Ec2Arns.Instance(a.Region, a.Account, id), instanceTags, instanceKeys);
            foreach (var id in newVolumeIds) a.Creating(Ec2Arns.Volume(a.Region, a.Account, id), volumeTags);
            foreach (var id in newInterfaceIds) a.Creating(Ec2Arns.NetworkInterface(a.Region, a.Account, id), NoTags);
            a.Checked();
        }

        /// <summary>CreateRoute / ReplaceRoute / DeleteRoute: route-table*.</summary>
        public static void Route(Ec2Authorizer a, RouteTableRecord table)
        {
            a.Existing(Ec2Arns.RouteTable(a.Region, a.Account, table.Id), table);
            a.Checked();
        }

        /// <summary>AssociateAddress: elastic-ip, instance, network-interface.</summary>
        public static void AssociateAddress(Ec2Authorizer a, AddressRecord address, InstanceRecord? instance, NetworkInterfaceRecord? eni)
        {
            a.Existing(Ec2Arns.ElasticIp(a.Region, a.Account, address.Id), address);
            if (instance != null) a.Existing(Ec2Arns.Instance(a.Region, a.Account, instance.Id), instance);
            if (eni != null) a.Existing(Ec2Arns.NetworkInterface(a.Region, a.Account, eni.Id), eni);
            a.Checked();
        }

        /// <summary>DisassociateAddress: elastic-ip, network-interface.</summary>
        public static void DisassociateAddress(Ec2Authorizer a, AddressRecord address, NetworkInterfaceRecord? eni)
        {
            a.Existing(Ec2Arns.ElasticIp(a.Region, a.Account, address.Id), address);
            if (eni != null) a.Existing(Ec2Arns.NetworkInterface(a.Region, a.Account, eni.Id), eni);
            a.Checked();
        }

        /// <summary>AllocateAddress: elastic-ip* (new).</summary>
        public static void AllocateAddress(Ec2Authorizer a, string newAllocationId, IDictionary<string, string> tags)
        {
            a.Creating(Ec2Arns.ElasticIp(a.Region, a.Account, newAllocationId), tags);
            a.Checked();
        }

        /// <summary>AssignPrivateIpAddresses / UnassignPrivateIpAddresses: network-interface*.</summary>
        public static void PrivateIps(Ec2Authorizer a, NetworkInterfaceRecord eni)
        {
            a.Existing(Ec2Arns.NetworkInterface(a.Region, a.Account, eni.Id), eni);
            a.Checked();
        }

        /// <summary>AssociateVpcCidrBlock: vpc*.</summary>
        public static void Vpc(Ec2Authorizer a, VpcRecord vpc)
        {
            a.Existing(Ec2Arns.Vpc(a.Region, a.Account, vpc.Id), vpc);
            a.Checked();
        }

        /// <summary>CreateVpc: vpc* (new).</summary>
        public static void CreateVpc(Ec2Authorizer a, string newVpcId, IDictionary<string, string> tags)
        {
            a.Creating(Ec2Arns.Vpc(a.Region, a.Account, newVpcId), tags);
            a.Checked();
        }

        /// <summary>CreateSubnet / CreateRouteTable: the new resource*, vpc*.</summary>
        public static void CreateInVpc(Ec2Authorizer a, string newArn, VpcRecord vpc, IDictionary<string, string> tags)
        {
            a.Creating(newArn, tags);
            a.Existing(Ec2Arns.Vpc(a.Region, a.Account, vpc.Id), vpc);
            a.Checked();
        }

        /// <summary>
        /// RevokeSecurityGroupIngress / UpdateSecurityGroupRuleDescriptionsIngress / ModifySecurityGroupRules /
        /// DeleteSecurityGroup: security-group*.
        /// </summary>
        public static void SecurityGroup(Ec2Authorizer a, SecurityGroupRecord group)
        {
            a.Existing(Ec2Arns.SecurityGroup(a.Region, a.Account, group.Id), group);
            a.Checked();
        }

        /// <summary>AuthorizeSecurityGroupIngress: security-group*, security-group-rule (each new rule, with the request's tags).</summary>
        public static void AuthorizeIngress(Ec2Authorizer a, SecurityGroupRecord group, IEnumerable<string> newRuleIds, IDictionary<string, string> tags)
        {
            a.Existing(Ec2Arns.SecurityGroup(a.Region, a.Account, group.Id), group);
            foreach (var id in newRuleIds) a.Creating(Ec2Arns.SecurityGroupRule(a.Region, a.Account, id), tags);
            a.Checked();
        }

        /// <summary>ModifyNetworkInterfaceAttribute: network-interface*, security-group (each one set).</summary>
        public static void NetworkInterfaceGroups(Ec2Authorizer a, NetworkInterfaceRecord eni, IEnumerable<SecurityGroupRecord> groups)
        {
            a.Existing(Ec2Arns.NetworkInterface(a.Region, a.Account, eni.Id), eni);
            foreach (var g in groups) a.Existing(Ec2Arns.SecurityGroup(a.Region, a.Account, g.Id), g);
            a.Checked();
        }

        /// <summary>CreateSecurityGroup: security-group* (new), vpc*.</summary>
        public static void CreateSecurityGroup(Ec2Authorizer a, string newGroupId, VpcRecord vpc, IDictionary<string, string> tags)
        {
            a.Creating(Ec2Arns.SecurityGroup(a.Region, a.Account, newGroupId), tags);
            a.Existing(Ec2Arns.Vpc(a.Region, a.Account, vpc.Id), vpc);
            a.Checked();
        }

        private static string ArnOf(Ec2Authorizer a, Ec2Resource r) => r switch
        {
            SnapshotRecord _ => Ec2Arns.Snapshot(a.Region, r.Id),
            ImageRecord _ => Ec2Arns.Image(a.Region, r.Id),
            AddressRecord _ => Ec2Arns.ElasticIp(a.Region, a.Account, r.Id),
            _ => $"arn:aws:ec2:{a.Region}:{a.Account}:{r.ResourceType}/{r.Id}",
        };
    }
}
