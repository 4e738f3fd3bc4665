using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>The outcome of planning: every set looked at, newest first within each group.</summary>
    public sealed class RotationPlan
    {
        public RotationPlan(IReadOnlyList<RotationItem> items, IReadOnlyList<string>? notFound = null)
        {
            Items = items;
            NotFound = notFound ?? new string[0];
        }

        /// <summary>Set ids named for deletion that no snapshot or image carries.</summary>
        public IReadOnlyList<string> NotFound { get; }

        public IReadOnlyList<RotationItem> Items { get; }
        public IEnumerable<RotationItem> Keep => Items.Where(i => i.Decision == RotationDecision.Keep);
        public IEnumerable<RotationItem> Remove => Items.Where(i => i.Decision == RotationDecision.Remove);
        public IEnumerable<RotationItem> Skip => Items.Where(i => i.Decision == RotationDecision.Skip);

        public static RotationPlan Empty { get; } = new RotationPlan(new RotationItem[0]);

        /// <summary>How much of the planning was spent waiting for EC2's answers (the rest is the module's own work).</summary>
        public TimeSpan ReadWait { get; private set; }

        internal RotationPlan WaitedForEc2(TimeSpan wait)
        {
            ReadWait = wait;
            return this;
        }
    }
}
