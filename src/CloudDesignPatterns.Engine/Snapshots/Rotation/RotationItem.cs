using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
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

        public IReadOnlyList<string> SnapshotIds => Array.ConvertAll(Set.Snapshots, s => s.SnapshotId);

        /// <summary>The -WhatIf action text: "Remove snapshot set (deregister ami-…, delete snap-…, snap-…)".</summary>
        public string DescribeAction()
        {
            // Built by hand: -WhatIf over a large rotation writes this for every set to be removed.
            var text = new StringBuilder("Remove snapshot set (");
            if (Set.ImageId != null) text.Append("deregister ").Append(Set.ImageId).Append(Set.Snapshots.Length > 0 ? ", " : "");
            for (var i = 0; i < Set.Snapshots.Length; i++) text.Append(i == 0 ? "delete " : ", ").Append(Set.Snapshots[i].SnapshotId);
            return text.Append(')').ToString();
        }

        /// <summary>The -WhatIf target text: "ss-… (i-…, nightly, 2026-…Z)".</summary>
        public string DescribeTarget()
            => string.Concat(Set.SetId, " (", Set.InstanceId, ", ", Set.Policy, ", ") + Set.CreatedAt.ToString("s", CultureInfo.InvariantCulture) + "Z)";

        public override string ToString() => $"{Set.SetId} {Decision}: {Reason}";
    }
}
