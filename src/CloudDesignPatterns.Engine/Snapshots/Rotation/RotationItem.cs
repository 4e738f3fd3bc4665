using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>One set of a plan, what happens to it and why.</summary>
    public sealed class RotationItem
    {
        public RotationItem(SnapshotSet set, RotationDecision decision, string reason)
        {
            Set = set;
            Decision = decision;
            Reason = reason;
        }

        public SnapshotSet Set { get; }
        public RotationDecision Decision { get; }
        public string Reason { get; }

        public IReadOnlyList<string> SnapshotIds => Set.Snapshots.Select(s => s.SnapshotId).ToList();

        /// <summary>The -WhatIf action text: "Remove snapshot set (deregister ami-…, delete snap-…, snap-…)".</summary>
        public string DescribeAction()
        {
            var parts = new List<string>();
            if (Set.ImageId != null) parts.Add("deregister " + Set.ImageId);
            if (Set.Snapshots.Length > 0) parts.Add("delete " + string.Join(", ", SnapshotIds));
            return $"Remove snapshot set ({string.Join(", ", parts)})";
        }

        /// <summary>The -WhatIf target text: "ss-… (i-…, nightly, 2026-…)".</summary>
        public string DescribeTarget()
            => $"{Set.SetId} ({Set.InstanceId}, {Set.Policy}, {Set.CreatedAt:yyyy-MM-ddTHH:mm:ssZ})";

        public override string ToString() => $"{Set.SetId} {Decision}: {Reason}";
    }
}
