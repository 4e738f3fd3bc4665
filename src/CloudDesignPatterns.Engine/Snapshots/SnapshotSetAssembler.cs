using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using SnapshotInfo = CloudDesignPatterns.Model.Snapshots.SnapshotInfo;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// Pure: groups described snapshots and images into sets by their set-id tag, newest first. Snapshots are added one
    /// at a time as the pages are read, straight into the set they belong to, so nothing per snapshot outlives its page
    /// but the set's own objects: a rotation reads 100,000 snapshots, and holding them all until the last page (then
    /// copying them into sets) was half a second of garbage collection. Images come last (<see cref="Finish"/>).
    /// A snapshot seen twice (overlapping filter batches) counts once.
    /// </summary>
    public sealed class SnapshotSetAssembler
    {
        private readonly string region;
        private readonly bool includeUnmanaged;
        private readonly Dictionary<string, SnapshotSet> bySet = new Dictionary<string, SnapshotSet>(StringComparer.Ordinal);
        private readonly Dictionary<string, SnapshotSet> unmanaged = new Dictionary<string, SnapshotSet>(StringComparer.Ordinal);
        // The device map tag is the same for every set of an instance: each distinct value is parsed once.
        private readonly Dictionary<string, Dictionary<string, string>> deviceMaps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> foreignOwned = new Dictionary<string, string>(StringComparer.Ordinal);

        internal SnapshotSetAssembler(string region, bool includeUnmanaged)
        {
            this.region = region;
            this.includeUnmanaged = includeUnmanaged;
        }

        public static List<SnapshotSet> Assemble(IEnumerable<Snapshot> snapshots, IEnumerable<Image> images, string region, bool includeUnmanaged)
        {
            var assembler = new SnapshotSetAssembler(region, includeUnmanaged);
            foreach (var snapshot in snapshots) assembler.Add(SnapshotFacts.From(snapshot));
            return assembler.Finish(images);
        }

        /// <summary>Snapshot id → the aws:backup:* or aws:dlm:* tag key of every snapshot added that carries one.</summary>
        internal IReadOnlyDictionary<string, string> ForeignOwned => foreignOwned;

        // Written without LINQ on purpose: this runs for each of 100,000 snapshots in a rotation.
        [MethodImpl(HotPath.Optimized)]
        internal void Add(in SnapshotFacts s)
        {
            if (s.Tags.ForeignOwnerTag != null) foreignOwned[s.SnapshotId] = s.Tags.ForeignOwnerTag;
            var setId = s.Tags.SetId;
            if (setId == null)
            {
                if (includeUnmanaged && !unmanaged.ContainsKey(s.SnapshotId)) unmanaged[s.SnapshotId] = Unmanaged(s);
                return;
            }
            var info = new SnapshotInfo
            {
                VolumeId = s.VolumeId ?? "",
                SnapshotId = s.SnapshotId,
                DeviceName = s.VolumeId != null && Devices(s.Tags.Devices) is { } devices && devices.TryGetValue(s.VolumeId, out var device) ? device : s.Tags.Device,
                SizeGiB = s.SizeGiB,
                State = s.State,
                Progress = s.Progress,
            };
            if (!bySet.TryGetValue(setId, out var set))
            {
                bySet[setId] = set = NewSet(setId, s.Tags);
                set.Snapshots = new[] { info };
            }
            else
            {
                foreach (var member in set.Snapshots)
                    if (member.SnapshotId == s.SnapshotId) return;
                var grown = new SnapshotInfo[set.Snapshots.Length + 1];
                Array.Copy(set.Snapshots, grown, set.Snapshots.Length);
                grown[grown.Length - 1] = info;
                set.Snapshots = grown;
            }
            if (s.StartTime.HasValue && s.StartTime.Value < set.CreatedAt) set.CreatedAt = s.StartTime.Value;
        }

        /// <summary>Adds the images (an image set takes its tags and devices from its image), settles each set's state and order.</summary>
        [MethodImpl(HotPath.Optimized)]
        internal List<SnapshotSet> Finish(IEnumerable<Image> images)
        {
            var imagesBySet = new Dictionary<string, Image>(StringComparer.Ordinal);
            foreach (var image in images)
            {
                var setId = SnapshotTags.Get(image.Tags, ManagedTags.SetIdKey);
                if (setId != null && !imagesBySet.ContainsKey(setId)) imagesBySet[setId] = image;
            }
            foreach (var pair in imagesBySet)
            {
                if (!bySet.TryGetValue(pair.Key, out var set)) bySet[pair.Key] = set = NewSet(pair.Key, SetTagValues.From(pair.Value.Tags));
                AddImage(set, pair.Value);
            }

            var sets = new List<SnapshotSet>(bySet.Count + unmanaged.Count);
            foreach (var set in bySet.Values)
            {
                if (set.Snapshots.Length > 1) Array.Sort(set.Snapshots, ByDeviceThenId);
                set.State = StateOf(set.Snapshots, set.ImageId != null ? imagesBySet[set.SetId] : null);
                if (set.CreatedAt == DateTime.MaxValue) set.CreatedAt = DateTime.MinValue;
                sets.Add(set);
            }
            sets.AddRange(unmanaged.Values);
            return NewestFirst(sets);
        }

        /// <summary>
        /// Sorted on an array of keys rather than with a comparison delegate: a rotation finishes 100,000 sets, and the
        /// delegate calling each set's CreatedAt getter some 1.7 million times was a tenth of its planning time.
        /// </summary>
        [MethodImpl(HotPath.Optimized)]
        private static List<SnapshotSet> NewestFirst(List<SnapshotSet> sets)
        {
            var ordered = sets.ToArray();
            var keys = new long[ordered.Length];
            for (var i = 0; i < ordered.Length; i++) keys[i] = -ordered[i].CreatedAt.Ticks;
            Array.Sort(keys, ordered);
            sets.Clear();
            sets.AddRange(ordered);
            return sets;
        }

        [MethodImpl(HotPath.Optimized)]
        private SnapshotSet NewSet(string setId, SetTagValues tags)
        {
            var set = new SnapshotSet { SetId = setId, Region = region, CreatedAt = DateTime.MaxValue }; // the earliest member's start time, once one is added
            ApplyTags(set, tags);
            return set;
        }

        [MethodImpl(HotPath.Optimized)]
        private static void ApplyTags(SnapshotSet set, SetTagValues tags)
        {
            set.InstanceId = tags.SourceInstance ?? "";
            set.Policy = tags.Policy ?? "";
            set.Name = tags.Name;
            set.Managed = tags.ManagedBy == ManagedTags.ManagedByValue;
            set.DestinationRegion = tags.DestinationRegion;
            set.SourceRegion = tags.SourceRegion;
            set.SourceSetId = tags.SourceSet;
        }

        /// <summary>
        /// An image set: the image's tags (when it has any) describe the set, its name is the image's, and its block
        /// device mappings name the devices the tag does not; the set is as old as the image if that is older.
        /// </summary>
        private void AddImage(SnapshotSet set, Image image)
        {
            var tags = image.Tags != null ? SetTagValues.From(image.Tags) : (SetTagValues?)null;
            if (tags.HasValue) ApplyTags(set, tags.Value);
            set.Kind = SnapshotSetKind.Image;
            set.ImageId = image.ImageId;
            set.Name = image.Name ?? set.Name;
            var devices = tags?.Devices != null ? new Dictionary<string, string>(Devices(tags.Value.Devices)!, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var mapping in image.BlockDeviceMappings ?? new List<BlockDeviceMapping>())
            {
                var member = mapping.Ebs?.SnapshotId == null ? null : Array.Find(set.Snapshots, s => s.SnapshotId == mapping.Ebs.SnapshotId);
                if (member != null && member.VolumeId.Length > 0 && !devices.ContainsKey(member.VolumeId)) devices[member.VolumeId] = mapping.DeviceName;
            }
            foreach (var member in set.Snapshots)
                if (devices.TryGetValue(member.VolumeId, out var device)) member.DeviceName = device;
            if (image.CreationDate != null && DateTime.TryParse(image.CreationDate, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var imageCreated)
                && imageCreated < set.CreatedAt)
                set.CreatedAt = imageCreated;
        }

        [MethodImpl(HotPath.Optimized)]
        private Dictionary<string, string>? Devices(string? tag)
        {
            if (tag == null) return null;
            if (ReferenceEquals(tag, lastDevicesTag)) return lastDevices; // a read shares each value: consecutive sets often carry the same one
            if (!deviceMaps.TryGetValue(tag, out var map)) deviceMaps[tag] = map = SnapshotTags.ParseDevices(tag);
            lastDevicesTag = tag;
            return lastDevices = map;
        }

        private string? lastDevicesTag;
        private Dictionary<string, string>? lastDevices;

        private static int ByDeviceThenId(SnapshotInfo a, SnapshotInfo b)
        {
            var byDevice = string.CompareOrdinal(a.DeviceName ?? "~", b.DeviceName ?? "~");
            return byDevice != 0 ? byDevice : string.CompareOrdinal(a.SnapshotId, b.SnapshotId);
        }

        private SnapshotSet Unmanaged(in SnapshotFacts s) => new SnapshotSet
        {
            SetId = s.SnapshotId,
            InstanceId = "",
            Region = region,
            Policy = "",
            Kind = SnapshotSetKind.Snapshots,
            Name = s.Tags.Name,
            Snapshots = new[] { new SnapshotInfo { VolumeId = s.VolumeId ?? "", SnapshotId = s.SnapshotId, SizeGiB = s.SizeGiB, State = s.State, Progress = s.Progress } },
            CreatedAt = s.StartTime ?? DateTime.MinValue,
            State = s.State == "error" ? SnapshotSetState.Failed : s.State == "completed" ? SnapshotSetState.Completed : SnapshotSetState.Pending,
            Managed = false,
        };

        [MethodImpl(HotPath.Optimized)]
        internal static SnapshotSetState StateOf(IReadOnlyCollection<SnapshotInfo> snapshots, Image? image)
        {
            var imageState = image?.State?.Value;
            var anyError = false;
            var allCompleted = true;
            foreach (var s in snapshots) // a loop, not two Any() calls: this runs for each of 100,000 sets in a rotation
            {
                anyError |= s.State == "error";
                allCompleted &= s.State == "completed";
            }
            if (imageState == "failed" || imageState == "error" || anyError) return SnapshotSetState.Failed;
            if (imageState == "pending" || snapshots.Count == 0 && image == null || !allCompleted) return SnapshotSetState.Pending;
            return SnapshotSetState.Completed;
        }
    }
}
