using System;

namespace CloudDesignPatterns.Model.Snapshots
{
    /// <summary>What Remove-PatternSnapshot did with one snapshot set.</summary>
    public enum SnapshotRemovalAction
    {
        /// <summary>The image was deregistered and every snapshot deleted, and a read-back found none of them.</summary>
        Removed,
        /// <summary>Inside the keep rules (shown only with -PassThru).</summary>
        Kept,
        /// <summary>Would have been removed, but a safety rule forbids it (not ours, pending, AWS Backup/DLM, used by another AMI).</summary>
        Skipped,
        /// <summary>A delete failed or the read-back still found the resource; the error names the cause.</summary>
        Failed,
    }

    /// <summary>
    /// One set's outcome. Carries SetId, InstanceId, Region and Policy under the same names as the snapshot cmdlets'
    /// parameters, so a result binds by property name like the set it describes.
    /// </summary>
    public sealed class SnapshotRemoval
    {
        public string SetId { get; set; } = "";
        public string InstanceId { get; set; } = "";
        public string Region { get; set; } = "";
        public string Policy { get; set; } = "";
        public SnapshotRemovalAction Action { get; set; }
        /// <summary>Why: the keep rule that kept it, the safety rule that skipped it, or the error that failed it.</summary>
        public string Reason { get; set; } = "";
        public string? ImageId { get; set; }
        public string[] SnapshotIds { get; set; } = new string[0];
        public DateTime CreatedAt { get; set; }

        public override string ToString() => $"{SetId} {Action}";
    }
}
