using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>The facts a snapshot needs about one instance: its volumes and where they are attached.</summary>
    public sealed class InstanceVolumes
    {
        public InstanceVolumes(string instanceId, string availabilityZone, string? rootDeviceName,
            IReadOnlyList<KeyValuePair<string, string>> volumeDevices, IReadOnlyDictionary<string, string> tags)
        {
            InstanceId = instanceId; AvailabilityZone = availabilityZone; RootDeviceName = rootDeviceName; VolumeDevices = volumeDevices; Tags = tags;
        }

        /// <summary>The instance's tags, as DescribeInstances returned them (Cloud DI reads its cdp: settings from here at no extra cost).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }
        public string InstanceId { get; }
        public string AvailabilityZone { get; }
        public string? RootDeviceName { get; }
        /// <summary>Volume id → device name, in the instance's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> VolumeDevices { get; }

        /// <summary>
        /// Describes many instances at once (a filter, not InstanceIds, so one unknown id does not fail the whole batch).
        /// Ids missing from the answer do not exist in the region.
        /// </summary>
        public static async Task<Dictionary<string, InstanceVolumes>> DescribeAsync(Ec2Session ec2, IReadOnlyCollection<string> instanceIds, CancellationToken cancel)
        {
            var found = new Dictionary<string, InstanceVolumes>(StringComparer.Ordinal);
            foreach (var batch in FilterValues.Batches(instanceIds))
            {
                var instances = await ec2.CallPagesAsync("DescribeInstances", batch.Count == 1 ? batch[0] : $"{batch.Count} instances",
                    (c, next, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = new List<Filter> { new Filter("instance-id", batch) }, MaxResults = 1000, NextToken = next }, ct),
                    page => (page.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()), page => page.NextToken, cancel).ConfigureAwait(false);
                foreach (var instance in instances) found[instance.InstanceId] = From(instance);
            }
            return found;
        }

        private static InstanceVolumes From(Instance instance)
        {
            var devices = (instance.BlockDeviceMappings ?? new List<InstanceBlockDeviceMapping>())
                .Where(m => m.Ebs?.VolumeId != null)
                .Select(m => new KeyValuePair<string, string>(m.Ebs.VolumeId, m.DeviceName))
                .ToList();
            return new InstanceVolumes(instance.InstanceId, instance.Placement?.AvailabilityZone ?? "", instance.RootDeviceName, devices,
                SnapshotTags.ToDictionary(instance.Tags));
        }
    }
}
