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

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>Reads volumes back by id, and waits until they all reach a state.</summary>
    internal static class VolumeReader
    {
        public static async Task<List<Volume>> ReadAsync(Ec2Session ec2, IReadOnlyCollection<string> volumeIds, CancellationToken cancel)
        {
            if (volumeIds.Count == 0) return new List<Volume>();
            var request = new DescribeVolumesRequest { VolumeIds = volumeIds.ToList() };
            var response = await ec2.CallAsync("DescribeVolumes", string.Join(",", volumeIds), true, (c, ct) => c.DescribeVolumesAsync(request, ct), cancel).ConfigureAwait(false);
            return response.Volumes ?? new List<Volume>();
        }

        public static async Task<List<Volume>> WaitAsync(Ec2Session ec2, IReadOnlyCollection<string> volumeIds, Func<Volume, bool> done,
            string what, TimeSpan timeout, CancellationToken cancel)
        {
            var last = await Poller.UntilAsync(async ct =>
                {
                    var volumes = await ReadAsync(ec2, volumeIds, ct).ConfigureAwait(false);
                    var failed = volumes.FirstOrDefault(v => v.State?.Value == "error");
                    if (failed != null)
                        throw new PatternException("RestoredVolumeFailed", PatternErrorCategory.InvalidOperation, $"Volume {failed.VolumeId} went to the error state.");
                    var ready = volumes.Count(done);
                    ec2.Log.Progress(7301, $"Waiting for restored volumes to be {what}", $"{ready} of {volumeIds.Count}", volumeIds.Count == 0 ? 100 : ready * 100 / volumeIds.Count, ready == volumeIds.Count);
                    return (Volumes: volumes, Ready: ready);
                },
                read => read.Ready == volumeIds.Count, timeout,
                read => new PatternException("RestoreWaitTimeout", PatternErrorCategory.OperationTimeout,
                    $"Only {read.Ready} of {volumeIds.Count} restored volumes are {what} after {timeout.TotalSeconds:0} s ({string.Join(", ", read.Volumes.Select(v => v.VolumeId + " " + v.State?.Value))})."),
                cancel).ConfigureAwait(false);
            return last.Volumes;
        }

        public static bool IsAttachedTo(Volume v, string? instanceId)
            => instanceId != null && (v.Attachments ?? new List<VolumeAttachment>()).Any(a => a.InstanceId == instanceId);
    }
}
