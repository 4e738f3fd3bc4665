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

        /// <summary>
        /// Every set looked at. For a plan made over a read's rows, each item (and its set) is built when it is reached
        /// and not kept, so <c>Items[i]</c> is a new object on every access: enumerate what you need once, by decision
        /// (<see cref="Where"/>) or without the sets (<see cref="Decisions"/>) when that is all you need.
        /// </summary>
        public IReadOnlyList<RotationItem> Items { get; }
        public IEnumerable<RotationItem> Keep => Where(d => d == RotationDecision.Keep);
        public IEnumerable<RotationItem> Remove => Where(d => d == RotationDecision.Remove);
        public IEnumerable<RotationItem> Skip => Where(d => d == RotationDecision.Skip);

        /// <summary>The items whose decision <paramref name="wanted"/> accepts, in plan order; no other item is built.</summary>
        public IEnumerable<RotationItem> Where(Func<RotationDecision, bool> wanted)
            => Items is PlannedRows rows ? rows.Where(wanted) : Items.Where(i => wanted(i.Decision));

        /// <summary>Each item's set id, decision and reason, in plan order, without building the sets.</summary>
        public IEnumerable<(string SetId, RotationDecision Decision, string Reason)> Decisions
            => Items is PlannedRows rows ? rows.Decisions() : Items.Select(i => (i.Set.SetId, i.Decision, i.Reason));

        /// <summary>How many items have <paramref name="decision"/>, without building any.</summary>
        public int Count(RotationDecision decision)
            => Items is PlannedRows rows ? rows.CountOf(decision) : Items.Count(i => i.Decision == decision);

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
