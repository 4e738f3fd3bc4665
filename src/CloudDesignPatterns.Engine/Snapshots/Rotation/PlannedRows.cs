using System;
using System.Collections;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// The items of a plan made over the rows of a read (<see cref="RotationPlanner.PlanRows"/>): the decisions in
    /// plan order, each <see cref="RotationItem"/> and its set built when it is asked for, and not kept. A rotation of
    /// 100,000 sets then keeps no object per set through its planning; a -WhatIf over it builds each set to print it
    /// and lets it go. Like the read it comes from, it is enumerated from one thread at a time.
    /// </summary>
    internal sealed class PlannedRows : IReadOnlyList<RotationItem>
    {
        private readonly SnapshotSetAssembler sets;
        private readonly int[] rows;
        private readonly RotationDecision[] decisions;
        private readonly string[] reasons;
        private int count;

        public PlannedRows(SnapshotSetAssembler sets, int capacity)
        {
            this.sets = sets;
            rows = new int[capacity];
            decisions = new RotationDecision[capacity];
            reasons = new string[capacity];
        }

        /// <summary>Appends the decision for set row <paramref name="row"/> (a <see cref="DecisionSink"/>).</summary>
        public void Add(int row, RotationDecision decision, string reason)
        {
            rows[count] = row;
            decisions[count] = decision;
            reasons[count] = reason;
            count++;
        }

        public int Count => count;

        public RotationItem this[int index]
            => index >= 0 && index < count ? new RotationItem(sets.BuildSet(rows[index]), decisions[index], reasons[index]) : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>How many items have <paramref name="decision"/>, without building any.</summary>
        public int CountOf(RotationDecision decision)
        {
            var matching = 0;
            for (var i = 0; i < count; i++)
                if (decisions[i] == decision) matching++;
            return matching;
        }

        /// <summary>The items whose decision <paramref name="wanted"/> accepts, building only those.</summary>
        public IEnumerable<RotationItem> Where(Func<RotationDecision, bool> wanted)
        {
            for (var i = 0; i < count; i++)
                if (wanted(decisions[i])) yield return this[i];
        }

        /// <summary>Each item's set id, decision and reason, without building the sets.</summary>
        public IEnumerable<(string SetId, RotationDecision Decision, string Reason)> Decisions()
        {
            for (var i = 0; i < count; i++) yield return (sets.SetIdOf(rows[i]), decisions[i], reasons[i]);
        }

        public IEnumerator<RotationItem> GetEnumerator() => Where(_ => true).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
