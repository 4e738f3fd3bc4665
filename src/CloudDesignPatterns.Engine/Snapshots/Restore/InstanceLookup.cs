using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>One instance by id, or null when the region has none (a filter, so a missing source is not an error).</summary>
    internal static class InstanceLookup
    {
        public static async Task<Instance?> FindAsync(Ec2Session session, string? instanceId, CancellationToken cancel)
        {
            if (string.IsNullOrEmpty(instanceId)) return null;
            var request = new DescribeInstancesRequest { Filters = new List<Filter> { new Filter("instance-id", new List<string> { instanceId! }) } };
            var response = await session.CallAsync("DescribeInstances", instanceId!, true, (c, ct) => c.DescribeInstancesAsync(request, ct), cancel).ConfigureAwait(false);
            return (response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()).FirstOrDefault(i => i.InstanceId == instanceId);
        }

        /// <summary>Device names the instance uses now: its block device mappings and its root device.</summary>
        public static IEnumerable<string> DevicesInUse(Instance instance)
        {
            foreach (var mapping in instance.BlockDeviceMappings ?? new List<InstanceBlockDeviceMapping>())
                if (mapping.DeviceName != null) yield return mapping.DeviceName;
            if (instance.RootDeviceName != null) yield return instance.RootDeviceName;
        }
    }
}
