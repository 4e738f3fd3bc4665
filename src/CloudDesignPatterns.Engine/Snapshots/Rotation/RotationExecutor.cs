using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Execute and verify: removes the sets it is given (an image set: deregister the image, then delete each of its
    /// snapshots), a few sets at a time, then reads back that what it removed is gone. Every set gets its own outcome;
    /// a failure on one never stops the others.
    /// </summary>
    public static class RotationExecutor
    {
        public const int DefaultConcurrency = 4;

        public static async Task<IReadOnlyList<RotationOutcome>> ExecuteAsync(Ec2Session ec2, IEnumerable<RotationItem> toRemove, int concurrency, CancellationToken cancel)
        {
            var items = toRemove.ToList();
            using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
            var outcomes = await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync(cancel).ConfigureAwait(false);
                try { return await RemoveAsync(ec2.InRegion(item.Set.Region), item, cancel).ConfigureAwait(false); }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
            return await VerifyAsync(ec2, outcomes, cancel).ConfigureAwait(false);
        }

        private static async Task<RotationOutcome> RemoveAsync(Ec2Session ec2, RotationItem item, CancellationToken cancel)
        {
            var set = item.Set;
            if (set.ImageId != null)
            {
                try
                {
                    var request = new DeregisterImageRequest { ImageId = set.ImageId };
                    await ec2.CallAsync("DeregisterImage", set.ImageId, true, (c, ct) => c.DeregisterImageAsync(request, ct), cancel).ConfigureAwait(false);
                }
                catch (PatternException error) when (!IsGone(error))
                {
                    // The snapshots are still in use by the image: deleting them would only fail with InvalidSnapshot.InUse.
                    return RotationOutcome.Of(item, SnapshotRemovalAction.Failed, error.Message, error);
                }
            }
            PatternException? failure = null;
            var inUse = new List<string>();
            foreach (var snapshot in set.Snapshots)
            {
                try
                {
                    var request = new DeleteSnapshotRequest { SnapshotId = snapshot.SnapshotId };
                    await ec2.CallAsync("DeleteSnapshot", snapshot.SnapshotId, true, (c, ct) => c.DeleteSnapshotAsync(request, ct), cancel).ConfigureAwait(false);
                }
                catch (PatternException error) when (error.AwsErrorCode == "InvalidSnapshot.InUse")
                {
                    inUse.Add(snapshot.SnapshotId); // an image we could not see (another account's) uses it
                }
                catch (PatternException error) when (!IsGone(error))
                {
                    failure ??= error;
                }
            }
            if (failure != null)
                return RotationOutcome.Of(item, SnapshotRemovalAction.Failed, failure.Message, failure);
            if (inUse.Count > 0)
                return RotationOutcome.Of(item, SnapshotRemovalAction.Skipped,
                    $"{string.Join(", ", inUse)} is in use by an image outside this set (InvalidSnapshot.InUse); " +
                    (inUse.Count < set.Snapshots.Length ? "the set's other snapshots were deleted." : "nothing was deleted."));
            return RotationOutcome.Of(item, SnapshotRemovalAction.Removed, item.Reason);
        }

        /// <summary>Reads back every image and snapshot reported removed; one still there turns its set into a failure.</summary>
        private static async Task<IReadOnlyList<RotationOutcome>> VerifyAsync(Ec2Session ec2, IReadOnlyList<RotationOutcome> outcomes, CancellationToken cancel)
        {
            var result = outcomes.ToList();
            foreach (var region in outcomes.Where(o => o.Result.Action == SnapshotRemovalAction.Removed).GroupBy(o => o.Result.Region))
            {
                var session = ec2.InRegion(region.Key);
                var snapshotIds = region.SelectMany(o => o.Result.SnapshotIds).ToList();
                var imageIds = region.Where(o => o.Result.ImageId != null).Select(o => o.Result.ImageId!).ToList();
                var left = new HashSet<string>(StringComparer.Ordinal);
                foreach (var batch in FilterValues.Batches(snapshotIds))
                    await SnapshotSetReader.ReadSnapshotsAsync(session, new List<Filter> { new Filter("snapshot-id", batch) }, (in SnapshotFacts s) => left.Add(s.SnapshotId), cancel)
                        .ConfigureAwait(false);
                foreach (var batch in FilterValues.Batches(imageIds))
                    foreach (var i in await SnapshotSetReader.DescribeImagesAsync(session, new List<Filter> { new Filter("image-id", batch) }, cancel).ConfigureAwait(false))
                        if (i.State?.Value != "deregistered") left.Add(i.ImageId);
                if (left.Count == 0) continue;
                for (var n = 0; n < result.Count; n++)
                {
                    var r = result[n].Result;
                    if (r.Action != SnapshotRemovalAction.Removed || r.Region != region.Key) continue;
                    var still = r.SnapshotIds.Concat(r.ImageId != null ? new[] { r.ImageId } : new string[0]).Where(left.Contains).ToList();
                    if (still.Count == 0) continue;
                    var message = $"{r.SetId}: {string.Join(", ", still)} still present after removal.";
                    r.Action = SnapshotRemovalAction.Failed;
                    r.Reason = message;
                    result[n] = new RotationOutcome(r, new PatternException("SnapshotSetStillPresent", PatternErrorCategory.InvalidData, message));
                }
            }
            return result;
        }

        /// <summary>Already gone counts as removed, so a retry of a half-done rotation converges.</summary>
        private static bool IsGone(PatternException error)
            => error.AwsErrorCode == "InvalidSnapshot.NotFound" || error.AwsErrorCode == "InvalidAMIID.NotFound" || error.AwsErrorCode == "InvalidAMIID.Unavailable";
    }
}
