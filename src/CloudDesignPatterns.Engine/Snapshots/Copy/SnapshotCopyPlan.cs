using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using CloudDesignPatterns.Model.Snapshots;
using SnapshotInfo = CloudDesignPatterns.Model.Snapshots.SnapshotInfo;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    /// <summary>What copying one set would do: the plan -WhatIf prints and ExecuteAsync carries out.</summary>
    public sealed class SnapshotCopyPlan
    {
        internal SnapshotCopyPlan(SetResources source, string destinationRegion, string copySetId, string? existingCopySetId,
            IReadOnlyList<SnapshotInfo> snapshotsToCopy, bool copyImage, string? kmsKeyId)
        {
            Resources = source;
            DestinationRegion = destinationRegion;
            CopySetId = copySetId;
            ExistingCopySetId = existingCopySetId;
            SnapshotsToCopy = snapshotsToCopy;
            CopyImage = copyImage;
            KmsKeyId = kmsKeyId;
        }

        internal SetResources Resources { get; }
        public SnapshotSet Source => Resources.Set;
        public string SourceRegion => Resources.Set.Region;
        public string DestinationRegion { get; }
        /// <summary>The copy's set id: new, or the one of an earlier (possibly partial) copy of the same set.</summary>
        public string CopySetId { get; }
        /// <summary>Set when the destination already holds a copy of this set (found by its cdp:snapshot:source-set tag).</summary>
        public string? ExistingCopySetId { get; }
        /// <summary>Snapshots of a snapshot set not yet copied; empty when the copy is complete or the set is an image set.</summary>
        public IReadOnlyList<SnapshotInfo> SnapshotsToCopy { get; }
        /// <summary>True when the image of an image set still has to be copied.</summary>
        public bool CopyImage { get; }
        public string? KmsKeyId { get; }

        public bool NothingToDo => !CopyImage && SnapshotsToCopy.Count == 0;

        /// <summary>One line for -WhatIf and for ShouldProcess's action text.</summary>
        public string Describe()
        {
            var what = Source.Kind == SnapshotSetKind.Image
                ? $"image {Source.ImageId} ({Source.Snapshots.Length} snapshots)"
                : $"{SnapshotsToCopy.Count} of {Source.Snapshots.Length} snapshots ({string.Join(", ", SnapshotsToCopy.Select(s => s.SnapshotId + (s.DeviceName != null ? " " + s.DeviceName : "")))})";
            if (NothingToDo) return $"Nothing to copy: set {Source.SetId} ({SourceRegion}) is already copied to {DestinationRegion} as {ExistingCopySetId}.";
            var into = ExistingCopySetId != null ? $"completing the earlier copy {ExistingCopySetId}" : $"as new set {CopySetId}";
            var encryption = KmsKeyId != null ? $", encrypted with {KmsKeyId}" : "";
            return $"Copy {what} of set {Source.SetId} ({Source.InstanceId}) from {SourceRegion} to {DestinationRegion} {into}{encryption}.";
        }

        public override string ToString() => Describe();
    }
}
