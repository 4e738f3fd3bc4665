using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// What makes a set <see cref="SnapshotSetState.Overfull"/>, in words: each source volume it holds more than one
    /// snapshot of, with those snapshots, so an operator can see which ones are extra. None is called the original: a
    /// describe does not say which create came first, and each is a complete snapshot of the volume.
    /// </summary>
    public static class OverfullSet
    {
        /// <summary>"set ss-… holds 3 snapshots of 2 volume(s), 2 of vol-1 (snap-a, snap-b)".</summary>
        public static string Describe(SnapshotSet set)
        {
            // A snapshot whose volume is unknown counts as a volume of its own, as the state does.
            var byVolume = set.Snapshots
                .Select((s, i) => (Volume: SnapshotSetAssembler.SourceVolume(s.VolumeId, s.DeviceName) ?? "#" + i, s.SnapshotId))
                .GroupBy(s => s.Volume, s => s.SnapshotId).ToList();
            var repeated = byVolume.Where(g => g.Count() > 1).Select(g => $"{g.Count()} of {g.Key} ({string.Join(", ", g)})");
            return $"set {set.SetId} holds {set.Snapshots.Length} snapshots of {byVolume.Count} volume(s), {string.Join("; ", repeated)}";
        }
    }
}
