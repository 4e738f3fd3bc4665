using System;
using Amazon.EC2.Model;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// One set of a read, as a row of an array (<see cref="SnapshotSetAssembler"/>): what deciding its fate needs, and
    /// where its snapshots are. Its set id is the same-numbered entry of the assembler's id table. A
    /// <see cref="SnapshotSet"/> is built from it only when the set is shown or acted on.
    /// </summary>
    internal struct SetRow
    {
        /// <summary>The set's tags (its first snapshot's, or its image's when that has tags), without the set id.</summary>
        public SetTagValues Tags;

        /// <summary>
        /// The earliest member's start (or the image's creation, if older), UTC; DateTime.MaxValue while none is known,
        /// DateTime.MinValue once settled without one.
        /// </summary>
        public DateTime CreatedAt;

        /// <summary>The set's first and last snapshot rows, chained by <see cref="SnapshotRow.Next"/>; -1 with none.</summary>
        public int FirstSnapshot, LastSnapshot;

        public int SnapshotCount;

        /// <summary>Some member is in state error; every member is completed (true for none).</summary>
        public bool AnyError, AllCompleted;

        /// <summary>Two members are snapshots of the same source volume: the set is Overfull once complete.</summary>
        public bool RepeatsVolume;

        /// <summary>The AMI of an image set.</summary>
        public Image? Image;

        /// <summary>Settled once the images are in (<see cref="SnapshotSetAssembler.Settle"/>).</summary>
        public SnapshotSetState State;

        public bool Managed => Tags.Managed;
    }

    /// <summary>One snapshot of a set, as a row; its snapshot id is the same-numbered entry of the snapshot id table.</summary>
    internal struct SnapshotRow
    {
        /// <summary>The next snapshot row of the same set; -1 after the last.</summary>
        public int Next;

        public string? VolumeId;

        /// <summary>From the snapshot's device tags; an image's block device mappings may still name it when the set is built.</summary>
        public string? DeviceName;

        /// <summary>pending, completed, error (as EC2 reports it).</summary>
        public string State;

        public int SizeGiB;
        public int Progress;
    }
}
