using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>Which sets to read; every criterion becomes a server-side filter, never one describe per instance.</summary>
    public sealed class SnapshotQuery
    {
        public IReadOnlyList<string>? InstanceIds { get; set; }
        public string? Policy { get; set; }
        public IReadOnlyList<string>? SetIds { get; set; }
        /// <summary>Also snapshots not made by this module, each as a set of its own.</summary>
        public bool IncludeUnmanaged { get; set; }
        /// <summary>Skip DescribeImages: the caller knows the sets are snapshot sets (a read-back after CreateSnapshots).</summary>
        public bool SnapshotsOnly { get; set; }
    }
}
