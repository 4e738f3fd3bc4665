using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using SnapshotInfo = CloudDesignPatterns.Model.Snapshots.SnapshotInfo;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    /// <summary>
    /// Copies sets to another region: plan (read-only: refusals, the source's current state, an earlier copy in the
    /// destination), execute (CopySnapshot per snapshot or one CopyImage, called in the destination region), verify
    /// (the copy set read back in the destination). A second run finds the earlier copy by its cdp:snapshot:source-set tag
    /// and copies only what is missing, so it never makes a second copy.
    /// </summary>
    public sealed class SnapshotCopier
    {
        private readonly Ec2Session session;

        /// <param name="session">Credentials and endpoint; its region is used for sets that do not name their own.</param>
        public SnapshotCopier(Ec2Session session) => this.session = session;

        /// <summary>Pure refusals, checked before any call: no destination, or the source region itself.</summary>
        public static string RequireDestination(string sourceRegion, string? destinationRegion, string setId)
        {
            if (string.IsNullOrWhiteSpace(destinationRegion))
                throw new PatternException("NoDestinationRegion", PatternErrorCategory.InvalidArgument,
                    $"Set {setId} has no destination region: give -DestinationRegion, or configure cdp:snapshot:destination-region on the instance " +
                    "(New-PatternSnapshot then carries it on the set).");
            RefuseSourceRegion(sourceRegion, destinationRegion!, $"Set {setId}");
            return destinationRegion!;
        }

        /// <summary>The one refusal wherever a DR region is given (New- and Copy-PatternSnapshot).</summary>
        internal static void RefuseSourceRegion(string sourceRegion, string destinationRegion, string subject)
        {
            if (string.Equals(destinationRegion, sourceRegion, StringComparison.Ordinal))
                throw new PatternException("DestinationIsSourceRegion", PatternErrorCategory.InvalidArgument,
                    $"{subject} is in {sourceRegion}; -DestinationRegion must name another region (a copy in the same region does not survive the loss of the region).");
        }

        public async Task<SnapshotCopyPlan> PlanAsync(SnapshotSet set, SnapshotCopyOptions options, CancellationToken cancel)
        {
            var sourceRegion = string.IsNullOrEmpty(set.Region) ? session.Region : set.Region;
            var destination = RequireDestination(sourceRegion, options.DestinationRegion ?? set.DestinationRegion, set.SetId);
            await RegionValidator.RequireAsync(session, destination, "parameter -DestinationRegion", cancel).ConfigureAwait(false);

            var source = session.InRegion(sourceRegion);
            var resources = await SetResources.ReadCompletedAsync(source, set.SetId, options.WaitForPendingSource, options.Timeout, "copy", cancel).ConfigureAwait(false);
            var target = session.InRegion(destination);
            return await PlanAgainstDestinationAsync(resources, target, options.KmsKeyId, cancel).ConfigureAwait(false);
        }

        private static async Task<SnapshotCopyPlan> PlanAgainstDestinationAsync(SetResources source, Ec2Session target, string? kmsKeyId, CancellationToken cancel)
        {
            var set = source.Set;
            var filters = new List<Filter>
            {
                new Filter("tag:" + ManagedTags.SourceSetKey, new List<string> { set.SetId }),
                new Filter("tag:" + ManagedTags.SourceRegionKey, new List<string> { set.Region }),
            };
            if (set.Kind == SnapshotSetKind.Image)
            {
                var images = await SnapshotSetReader.DescribeImagesAsync(target, filters, cancel).ConfigureAwait(false);
                var earlier = images.Select(i => SnapshotTags.Get(i.Tags, ManagedTags.SetIdKey)).FirstOrDefault(id => id != null);
                return new SnapshotCopyPlan(source, target.Region, earlier ?? SnapshotTags.NewSetId(), earlier,
                    new SnapshotInfo[0], copyImage: earlier == null, kmsKeyId);
            }
            var copies = await SnapshotSetReader.ReadSnapshotsAsync(target, filters, cancel).ConfigureAwait(false);
            var existingSetId = copies.Select(s => s.Tags.SetId).FirstOrDefault(id => id != null);
            var copied = new HashSet<string>(copies.Select(s => SnapshotTags.Get(s.AllTags, CopyTags.SourceSnapshotKey)).Where(id => id != null)!, StringComparer.Ordinal);
            var missing = set.Snapshots.Where(s => !copied.Contains(s.SnapshotId)).ToList();
            return new SnapshotCopyPlan(source, target.Region, existingSetId ?? SnapshotTags.NewSetId(), existingSetId, missing, copyImage: false, kmsKeyId);
        }

        /// <summary>Starts the copies and returns the copy set as read back in the destination (its snapshots pending at first).</summary>
        public async Task<SnapshotSet> ExecuteAsync(SnapshotCopyPlan plan, CancellationToken cancel)
        {
            var target = session.InRegion(plan.DestinationRegion);
            if (plan.CopyImage) await CopyImageAsync(plan, target, cancel).ConfigureAwait(false);
            else if (plan.SnapshotsToCopy.Count > 0) await CopySnapshotsAsync(plan, target, cancel).ConfigureAwait(false);
            return await VerifyAsync(plan, target, cancel).ConfigureAwait(false);
        }

        private static async Task CopySnapshotsAsync(SnapshotCopyPlan plan, Ec2Session target, CancellationToken cancel)
        {
            var sourceById = plan.Resources.Snapshots.ToDictionary(s => s.SnapshotId, StringComparer.Ordinal);
            var calls = plan.SnapshotsToCopy.Select(info => CopyOneSnapshotAsync(plan, target, info, sourceById[info.SnapshotId], cancel)).ToList();
            try { await Task.WhenAll(calls).ConfigureAwait(false); }
            catch (PatternException) { /* reported below, after every call has finished */ }
            var failed = calls.Where(c => c.IsFaulted).Select(c => c.Exception!.GetBaseException()).ToList();
            if (failed.Count == 0) return;
            var first = failed[0] as PatternException;
            throw new PatternException(first?.ErrorId ?? "SnapshotCopyFailed", first?.Category ?? PatternErrorCategory.NotSpecified,
                $"{failed.Count} of {calls.Count} snapshot copies of set {plan.Source.SetId} to {plan.DestinationRegion} failed " +
                $"({string.Join("; ", failed.Select(f => f.Message))}). The others go on; run Copy-PatternSnapshot again to copy the rest into {plan.CopySetId}.",
                first?.AwsErrorCode, first?.MissingAction, failed[0]) { OutcomeUnknown = first?.OutcomeUnknown ?? false };
        }

        /// <summary>
        /// CopySnapshot takes no ClientToken: after an ambiguous failure (a 5xx, a timeout, a dropped connection) the copy
        /// may exist, so we look for it by its source-snapshot tag in the copy set before trying again.
        /// </summary>
        private static async Task CopyOneSnapshotAsync(SnapshotCopyPlan plan, Ec2Session target, SnapshotInfo info, SnapshotFacts source, CancellationToken cancel)
        {
            var tags = CopyTags.For(source.AllTags, plan.CopySetId, plan.SourceRegion, plan.Source.SetId, info.SnapshotId, info.DeviceName);
            var request = new CopySnapshotRequest
            {
                SourceRegion = plan.SourceRegion,
                SourceSnapshotId = info.SnapshotId,
                Description = $"{plan.CopySetId}: copy of {info.SnapshotId} ({plan.Source.SetId}) from {plan.SourceRegion}",
                TagSpecifications = new List<TagSpecification> { CopyTags.Spec("snapshot", tags) },
            };
            if (plan.KmsKeyId != null) { request.Encrypted = true; request.KmsKeyId = plan.KmsKeyId; }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await target.CallAsync("CopySnapshot", $"{info.SnapshotId} {plan.SourceRegion}→{plan.DestinationRegion}", false,
                        (c, ct) => c.CopySnapshotAsync(request, ct), cancel).ConfigureAwait(false);
                    return;
                }
                catch (PatternException ambiguous) when (ambiguous.OutcomeUnknown && attempt < target.Runner.Policy.MaxAttempts)
                {
                    target.Log.Warning($"{info.SnapshotId}: the copy's outcome is unknown ({ambiguous.AwsErrorCode ?? ambiguous.ErrorId}); " +
                        $"looking for it in {plan.CopySetId} in {plan.DestinationRegion} before trying again.");
                    if (await FindCopyAsync(plan, target, info.SnapshotId, cancel).ConfigureAwait(false)) return;
                }
            }
        }

        /// <summary>Polls for a while (describes are eventually consistent) before calling a copy absent.</summary>
        private static Task<bool> FindCopyAsync(SnapshotCopyPlan plan, Ec2Session target, string sourceSnapshotId, CancellationToken cancel)
        {
            var filters = new List<Filter>
            {
                new Filter("tag:" + ManagedTags.SetIdKey, new List<string> { plan.CopySetId }),
                new Filter("tag:" + CopyTags.SourceSnapshotKey, new List<string> { sourceSnapshotId }),
            };
            return Poller.LastReadAsync(async ct => (await SnapshotSetReader.ReadSnapshotsAsync(target, filters, ct).ConfigureAwait(false)).Count > 0,
                found => found, LookPatience, cancel);
        }

        private static readonly TimeSpan LookPatience = TimeSpan.FromSeconds(8);

        private static async Task CopyImageAsync(SnapshotCopyPlan plan, Ec2Session target, CancellationToken cancel)
        {
            var image = plan.Resources.Image!;
            var imageTags = CopyTags.For(image.Tags, plan.CopySetId, plan.SourceRegion, plan.Source.SetId);
            // CopyImage applies one tag set to all new snapshots; the image's block device mapping names their devices.
            var snapshotTags = CopyTags.For((plan.Resources.Snapshots.Count > 0 ? plan.Resources.Snapshots[0].AllTags : null) ?? image.Tags, plan.CopySetId, plan.SourceRegion, plan.Source.SetId);
            var request = new CopyImageRequest
            {
                // One token per copy (its set id), the same on every attempt: a retry after a 5xx or a timeout that
                // EC2 had acted on answers with the first copy instead of making a second one.
                ClientToken = plan.CopySetId,
                SourceRegion = plan.SourceRegion,
                SourceImageId = image.ImageId,
                Name = CopyName(image.Name, plan.Source.SetId, plan.CopySetId),
                Description = $"{plan.CopySetId}: copy of {image.ImageId} ({plan.Source.SetId}) from {plan.SourceRegion}",
                CopyImageTags = true,
                TagSpecifications = new List<TagSpecification> { CopyTags.Spec("image", imageTags), CopyTags.Spec("snapshot", snapshotTags) },
            };
            if (plan.KmsKeyId != null) { request.Encrypted = true; request.KmsKeyId = plan.KmsKeyId; }
            await target.CallAsync("CopyImage", $"{image.ImageId} {plan.SourceRegion}→{plan.DestinationRegion}", true,
                (c, ct) => c.CopyImageAsync(request, ct), cancel).ConfigureAwait(false);
        }

        /// <summary>AMI names are unique per region; the copy's name carries its own set id, as the original's carries its.</summary>
        internal static string CopyName(string? sourceName, string sourceSetId, string copySetId)
        {
            var name = string.IsNullOrEmpty(sourceName) ? copySetId
                : sourceName!.Contains(sourceSetId) ? sourceName.Replace(sourceSetId, copySetId) : sourceName + "-" + copySetId;
            return name.Length <= 128 ? name : name.Substring(name.Length - 128);
        }

        private static async Task<SnapshotSet> VerifyAsync(SnapshotCopyPlan plan, Ec2Session target, CancellationToken cancel)
        {
            var copy = await SetResources.ReadAsync(target, plan.CopySetId, cancel).ConfigureAwait(false);
            var expected = plan.Source.Kind == SnapshotSetKind.Image ? 1 : plan.Source.Snapshots.Length;
            var found = copy == null ? 0 : plan.Source.Kind == SnapshotSetKind.Image ? (copy.Image != null ? 1 : 0) : copy.Set.Snapshots.Length;
            if (copy == null || found < expected)
                throw new PatternException("SnapshotCopyNotFound", PatternErrorCategory.InvalidData,
                    $"After copying set {plan.Source.SetId}, {plan.DestinationRegion} shows {found} of {expected} " +
                    $"{(plan.Source.Kind == SnapshotSetKind.Image ? "image" : "snapshots")} of copy {plan.CopySetId}; run Copy-PatternSnapshot again.");
            return copy.Set;
        }
    }
}
