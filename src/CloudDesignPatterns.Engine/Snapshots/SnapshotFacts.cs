using System;
using System.Collections.Generic;
using Amazon.EC2.Model;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// One described snapshot, reduced to what a set is rebuilt from: a rotation reads 100,000, and the SDK's
    /// <see cref="Snapshot"/> with its tag objects took four times the memory and most of the read's time in garbage
    /// collection. Strings repeated across snapshots (tag values, states, volume ids) are shared. A struct, handed on by
    /// reference (<see cref="SnapshotFactsSink"/>) from a buffer reused page after page: the sets copy what they keep, so
    /// a read allocates nothing per snapshot for it (a class was 15 MB of garbage per rotation).
    /// </summary>
    internal struct SnapshotFacts
    {
        public string SnapshotId;
        public string? VolumeId;
        /// <summary>pending, completed, error (as EC2 reports it).</summary>
        public string State;
        /// <summary>0..100.</summary>
        public int Progress;
        public int SizeGiB;
        /// <summary>UTC.</summary>
        public DateTime? StartTime;
        public SetTagValues Tags;
        /// <summary>Every tag, in the order EC2 lists them; only when the read asked for them (a copy carries them all), else null.</summary>
        public List<Tag>? AllTags;

        public static SnapshotFacts From(Snapshot snapshot) => new SnapshotFacts
        {
            SnapshotId = snapshot.SnapshotId ?? "",
            VolumeId = snapshot.VolumeId,
            State = snapshot.State?.Value ?? "",
            Progress = ParseProgress(snapshot.Progress),
            SizeGiB = snapshot.VolumeSize ?? 0,
            StartTime = snapshot.StartTime?.ToUniversalTime(),
            Tags = SetTagValues.From(snapshot.Tags),
            AllTags = snapshot.Tags,
        };

        /// <summary>"100%" → 100; anything unreadable → 0.</summary>
        public static int ParseProgress(string? progress)
            => int.TryParse((progress ?? "").TrimEnd('%'), out var value) ? value : 0;
    }

    /// <summary>Gets each snapshot as it is read; the facts are only valid during the call (copy what you keep).</summary>
    internal delegate void SnapshotFactsSink(in SnapshotFacts snapshot);
}
