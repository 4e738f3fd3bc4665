using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>An image set's restore: one RunInstances, tagged at launch, then the instance read back (pending or running).</summary>
    internal static class ImageLaunchExecutor
    {
        public static async Task<RestoreOutcome> RunAsync(Ec2Session ec2, SnapshotRestorePlan plan, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            var launch = plan.Launch!;
            var name = RestoreTags.InstanceName(plan.Set.InstanceId, plan.Set.SetId);
            var request = new RunInstancesRequest
            {
                // One token for the one intended instance, the same on every attempt (see VolumeRestoreExecutor).
                ClientToken = Guid.NewGuid().ToString(),
                ImageId = launch.ImageId,
                InstanceType = launch.InstanceType,
                MinCount = 1,
                MaxCount = 1,
                SubnetId = launch.SubnetId,
                SecurityGroupIds = launch.SecurityGroupIds.Count > 0 ? launch.SecurityGroupIds.ToList() : null,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = "instance", Tags = RestoreTags.For(plan.Set.SetId, name) },
                    new TagSpecification { ResourceType = "volume", Tags = RestoreTags.For(plan.Set.SetId, name) },
                },
            };
            var response = await ec2.CallAsync("RunInstances", $"{launch.ImageId} {launch.InstanceType}", true,
                (c, ct) => c.RunInstancesAsync(request, ct), cancel).ConfigureAwait(false);
            var instanceId = response.Reservation?.Instances?.FirstOrDefault()?.InstanceId
                ?? throw new PatternException("LaunchReturnedNoInstance", PatternErrorCategory.InvalidData, $"RunInstances from {launch.ImageId} returned no instance.");

            var instance = await ReadBackAsync(ec2, instanceId, options, cancel).ConfigureAwait(false);
            var snapshotsByDevice = (await SnapshotsOfImageAsync(ec2, launch.ImageId, cancel).ConfigureAwait(false));
            var volumes = (instance.BlockDeviceMappings ?? new List<InstanceBlockDeviceMapping>()).Select(m => new RestoredVolume
            {
                VolumeId = m.Ebs?.VolumeId ?? "",
                SnapshotId = m.DeviceName != null && snapshotsByDevice.TryGetValue(m.DeviceName, out var snap) ? snap : "",
                DeviceName = m.DeviceName,
                Attached = true,
                State = m.Ebs?.Status?.Value ?? "",
            }).ToArray();
            return new RestoreOutcome(new RestoreResult
            {
                SetId = plan.Set.SetId,
                Region = plan.Region,
                Kind = SnapshotSetKind.Image,
                InstanceId = instanceId,
                Launched = true,
                ImageId = launch.ImageId,
                AvailabilityZone = instance.Placement?.AvailabilityZone ?? plan.AvailabilityZone,
                Volumes = volumes,
                State = instance.State?.Name?.Value ?? "",
            }, new PatternException[0]);
        }

        private static Task<Instance> ReadBackAsync(Ec2Session ec2, string instanceId, SnapshotRestoreOptions options, CancellationToken cancel)
            => Poller.UntilAsync(async ct =>
                {
                    var instance = await InstanceLookup.FindAsync(ec2, instanceId, ct).ConfigureAwait(false)
                        ?? throw new PatternException("LaunchedInstanceNotFound", PatternErrorCategory.InvalidData, $"Launched instance {instanceId} does not show up in {ec2.Region}.");
                    var state = instance.State?.Name?.Value;
                    if (state != "pending" && state != "running")
                        throw new PatternException("LaunchedInstanceNotRunning", PatternErrorCategory.InvalidOperation,
                            $"Launched instance {instanceId} is {state}{(instance.StateReason?.Message is string why ? ": " + why : "")}.");
                    ec2.Log.Progress(7302, $"Waiting for {instanceId} to run", state!, state == "running" ? 100 : 50, state == "running" || !options.Wait);
                    return instance;
                },
                instance => instance.State?.Name?.Value == "running" || !options.Wait, options.Timeout,
                instance => new PatternException("RestoreWaitTimeout", PatternErrorCategory.OperationTimeout,
                    $"Launched instance {instanceId} is still {instance.State?.Name?.Value} after {options.Timeout.TotalSeconds:0} s."),
                cancel);

        private static async Task<Dictionary<string, string>> SnapshotsOfImageAsync(Ec2Session ec2, string imageId, CancellationToken cancel)
        {
            var request = new DescribeImagesRequest { ImageIds = new List<string> { imageId } };
            var response = await ec2.CallAsync("DescribeImages", imageId, true, (c, ct) => c.DescribeImagesAsync(request, ct), cancel).ConfigureAwait(false);
            return (response.Images ?? new List<Image>()).SelectMany(i => i.BlockDeviceMappings ?? new List<BlockDeviceMapping>())
                .Where(m => m.DeviceName != null && m.Ebs?.SnapshotId != null)
                .GroupBy(m => m.DeviceName).ToDictionary(g => g.Key, g => g.First().Ebs.SnapshotId, StringComparer.Ordinal);
        }
    }
}
