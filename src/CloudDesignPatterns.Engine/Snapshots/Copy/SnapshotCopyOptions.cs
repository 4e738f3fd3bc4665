using System;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    public sealed class SnapshotCopyOptions
    {
        /// <summary>The region to copy to; null takes the set's configured DestinationRegion.</summary>
        public string? DestinationRegion { get; set; }
        /// <summary>Encrypts the copies with this KMS key in the destination region.</summary>
        public string? KmsKeyId { get; set; }
        /// <summary>Wait for a pending source set instead of refusing it.</summary>
        public bool WaitForPendingSource { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);
    }
}
