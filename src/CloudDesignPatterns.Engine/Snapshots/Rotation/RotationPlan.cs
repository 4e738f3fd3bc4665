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
    }
}
