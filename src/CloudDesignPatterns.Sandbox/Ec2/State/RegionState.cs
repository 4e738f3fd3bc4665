using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>Everything EC2 holds in one region. Guarded by the service's lock; never touched concurrently.</summary>
    internal sealed class RegionState
    {
        public RegionState(string name) { Name = name; }

        public string Name { get; }
        public IReadOnlyList<string> AvailabilityZones => new[] { Name + "a", Name + "b", Name + "c" };

        public Dictionary<string, InstanceRecord> Instances { get; } = new Dictionary<string, InstanceRecord>();
        public Dictionary<string, VolumeRecord> Volumes { get; } = new Dictionary<string, VolumeRecord>();
        public Dictionary<string, SnapshotRecord> Snapshots { get; } = new Dictionary<string, SnapshotRecord>();
        public Dictionary<string, ImageRecord> Images { get; } = new Dictionary<string, ImageRecord>();
        public Dictionary<string, VpcRecord> Vpcs { get; } = new Dictionary<string, VpcRecord>();
        public Dictionary<string, SubnetRecord> Subnets { get; } = new Dictionary<string, SubnetRecord>();
        public Dictionary<string, InternetGatewayRecord> InternetGateways { get; } = new Dictionary<string, InternetGatewayRecord>();
        public Dictionary<string, NetworkInterfaceRecord> NetworkInterfaces { get; } = new Dictionary<string, NetworkInterfaceRecord>();
        public Dictionary<string, RouteTableRecord> RouteTables { get; } = new Dictionary<string, RouteTableRecord>();
        public Dictionary<string, AddressRecord> Addresses { get; } = new Dictionary<string, AddressRecord>();
        public Dictionary<string, SecurityGroupRecord> SecurityGroups { get; } = new Dictionary<string, SecurityGroupRecord>();
        public ClientTokens ClientTokens { get; } = new ClientTokens();

        /// <summary>Every taggable resource, in a stable order, for DescribeTags and CreateTags.</summary>
        public IEnumerable<Ec2Resource> AllResources()
        {
            IEnumerable<Ec2Resource> all = Instances.Values;
            return all.Concat(Volumes.Values).Concat(Snapshots.Values).Concat(Images.Values).Concat(Vpcs.Values)
                .Concat(Subnets.Values).Concat(InternetGateways.Values).Concat(NetworkInterfaces.Values)
                .Concat(RouteTables.Values).Concat(Addresses.Values).Concat(SecurityGroups.Values)
                .Concat(SecurityGroups.Values.SelectMany(g => g.Ingress.Concat(g.Egress)));
        }

        public Ec2Resource? FindResource(string id) => AllResources().FirstOrDefault(r => r.Id == id);

        public NetworkInterfaceRecord? PrimaryInterface(InstanceRecord instance) =>
            instance.NetworkInterfaceIds.Count > 0 && NetworkInterfaces.TryGetValue(instance.NetworkInterfaceIds[0], out var eni) ? eni : null;

        public AddressRecord? AddressFor(NetworkInterfaceRecord eni) =>
            Addresses.Values.FirstOrDefault(a => a.NetworkInterfaceId == eni.Id);

        public IEnumerable<VolumeRecord> VolumesOf(string instanceId) =>
            Volumes.Values.Where(v => v.Attachment?.InstanceId == instanceId).OrderBy(v => v.Attachment!.Device, System.StringComparer.Ordinal);
    }
}
