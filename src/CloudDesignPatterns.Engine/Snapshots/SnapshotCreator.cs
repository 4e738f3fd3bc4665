using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// Makes one set for one instance — a crash-consistent multi-volume snapshot set (CreateSnapshots) or an AMI
    /// (CreateImage) — tagged at creation, then reads it back to verify. The set id is chosen before the call, so
    /// after an ambiguous failure (a 5xx, a timeout, or the connection dropped once the request was sent: EC2 may have
    /// made the set) we look for it by its set tag before trying again and never make a second set.
    /// </summary>
    public static class SnapshotCreator
    {
        public static async Task<SnapshotSet> CreateAsync(Ec2Session ec2, InstanceVolumes instance, SnapshotRequest request, CancellationToken cancel)
        {
            var setId = SnapshotTags.NewSetId();
            var created = DateTime.UtcNow;
            var name = SnapshotTags.SetName(request.Policy, request.InstanceId, created);
            var devices = instance.VolumeDevices.Where(d => !(request.ExcludeBootVolume && d.Value == instance.RootDeviceName)).ToList();
            var tags = SnapshotTags.ForNewSet(setId, request.Policy, request.InstanceId, name,
                request.Image ? nameof(SnapshotSetKind.Image) : nameof(SnapshotSetKind.Snapshots), request.Tags, devices, request.DestinationRegion);

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (request.Image) await CreateImageAsync(ec2, request, name + "-" + setId, tags, cancel).ConfigureAwait(false);
                    else await CreateSnapshotsAsync(ec2, request, tags, cancel).ConfigureAwait(false);
                    break;
                }
                catch (PatternException ambiguous) when (ambiguous.OutcomeUnknown && attempt < ec2.Runner.Policy.MaxAttempts)
                {
                    var why = ambiguous.AwsErrorCode != null ? $"EC2 answered {ambiguous.AwsErrorCode}" : "the connection dropped or timed out after the request was sent";
                    ec2.Log.Warning($"{request.InstanceId}: {why}; looking for set {setId} before trying again.");
                    if ((await ReadBackAsync(ec2, setId, request.Image, expected: 1, cancel).ConfigureAwait(false)) != null) break;
                }
            }
            var set = await ReadBackAsync(ec2, setId, request.Image, request.Image ? 1 : devices.Count, cancel).ConfigureAwait(false)
                ?? throw new PatternException("SnapshotSetNotFound", PatternErrorCategory.InvalidData,
                    $"{request.InstanceId}: EC2 accepted the request, but set {setId} cannot be read back.");
            Verify(set, request, devices.Count);
            set.DestinationRegion = request.DestinationRegion;
            return set;
        }

        private static Task<CreateSnapshotsResponse> CreateSnapshotsAsync(Ec2Session ec2, SnapshotRequest request, List<Tag> tags, CancellationToken cancel)
            => ec2.CallAsync("CreateSnapshots", request.InstanceId, false, (c, ct) => c.CreateSnapshotsAsync(new CreateSnapshotsRequest
            {
                InstanceSpecification = new InstanceSpecification { InstanceId = request.InstanceId, ExcludeBootVolume = request.ExcludeBootVolume },
                CopyTagsFromSource = CopyTagsFromSource.Volume,
                Description = $"CloudDesignPatterns {request.Policy} backup of {request.InstanceId}",
                TagSpecifications = new List<TagSpecification> { new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = tags } },
            }, ct), cancel);

        private static Task<CreateImageResponse> CreateImageAsync(Ec2Session ec2, SnapshotRequest request, string name, List<Tag> tags, CancellationToken cancel)
            => ec2.CallAsync("CreateImage", request.InstanceId, false, (c, ct) => c.CreateImageAsync(new CreateImageRequest
            {
                InstanceId = request.InstanceId,
                Name = name,
                NoReboot = !request.Reboot,
                Description = $"CloudDesignPatterns {request.Policy} image of {request.InstanceId}",
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = ResourceType.Image, Tags = tags },
                    new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = tags },
                },
            }, ct), cancel);

        /// <summary>
        /// EC2's describes are eventually consistent: a set made a moment ago may not show yet, or show part of its
        /// snapshots. Poll with back-off (about 8 s in all) before calling it absent or short, so an ambiguous failure
        /// never leads to a second set and a good backup is never reported as failed.
        /// </summary>
        private static Task<SnapshotSet?> ReadBackAsync(Ec2Session ec2, string setId, bool image, int expected, CancellationToken cancel)
            => Poller.LastReadAsync(ct => SnapshotSetReader.ReadSetAsync(ec2, setId, snapshotsOnly: !image, ct),
                set => set != null && (image ? !string.IsNullOrEmpty(set.ImageId) : set.Snapshots.Length >= expected), ReadBackPatience, cancel);

        private static readonly TimeSpan ReadBackPatience = TimeSpan.FromSeconds(8);

        /// <summary>Every volume that should be in the set is there; a short set is an error, never silently accepted.</summary>
        internal static void Verify(SnapshotSet set, SnapshotRequest request, int expectedVolumes)
        {
            if (set.Kind == SnapshotSetKind.Image && string.IsNullOrEmpty(set.ImageId))
                throw new PatternException("SnapshotSetIncomplete", PatternErrorCategory.InvalidData, $"{request.InstanceId}: set {set.SetId} has no image.");
            if (set.Kind == SnapshotSetKind.Snapshots && set.Snapshots.Length != expectedVolumes)
                throw new PatternException("SnapshotSetIncomplete", PatternErrorCategory.InvalidData,
                    $"{request.InstanceId}: set {set.SetId} has {set.Snapshots.Length} snapshot(s) for {expectedVolumes} volume(s).");
        }
    }
}
