using System;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// What the keep rules decide a set's fate on, whether the set is an object or a row of a read: the planner's one
    /// decision core works on these, so sets given as objects and 100,000 sets read as rows follow the same rules.
    /// </summary>
    internal struct RotationCandidate
    {
        /// <summary>The caller's number for the set: its row, or its place in the caller's array.</summary>
        public int Index;
        public DateTime CreatedAt;
        public SnapshotSetState State;
        public bool Managed;
    }

    /// <summary>Gets each decision of a group, newest set first.</summary>
    internal delegate void DecisionSink(int index, RotationDecision decision, string reason);
}
