using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Globalization;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using SnapshotInfo = CloudDesignPatterns.Model.Snapshots.SnapshotInfo;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// No I/O: groups described snapshots and images into sets by their set-id tag. Snapshots are added one
    /// at a time as the pages are read, straight into the set they belong to, so nothing per snapshot outlives its page.
    /// Sets are kept as rows of a few large arrays, their ids as bytes (<see cref="SetRow"/>, <see cref="IdTable"/>), not
    /// as objects: a rotation reads 100,000 snapshots, and the six objects per set it used to keep through the read were
    /// most of its garbage collection. <see cref="SnapshotSet"/>s are built from the rows at the end, newest first
    /// (<see cref="Finish"/>), or by a rotation only for the sets it shows or removes (<see cref="BuildSet"/>).
    /// Images come last. A snapshot seen twice (overlapping filter batches) counts once. Not thread-safe (building a set
    /// shares parsed device maps): one thread at a time.
    /// </summary>
    public sealed class SnapshotSetAssembler
    {
        private readonly bool includeUnmanaged;
        private readonly IdTable setIds = new IdTable(findable: true);
        private SetRow[] sets = new SetRow[1024];
        private readonly IdTable snapshotIds = new IdTable(findable: false);
        private SnapshotRow[] snapshots = new SnapshotRow[1024];
        private readonly Dictionary<string, SnapshotSet> unmanaged = new Dictionary<string, SnapshotSet>(StringComparer.Ordinal);
        // The device map tag is the same for every set of an instance: each distinct value is parsed once.
        private readonly Dictionary<string, Dictionary<string, string>> deviceMaps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> foreignOwned = new Dictionary<string, string>(StringComparer.Ordinal);
        private bool settled;

        internal SnapshotSetAssembler(string region, bool includeUnmanaged)
        {
            Region = region;
            this.includeUnmanaged = includeUnmanaged;
        }

        public static List<SnapshotSet> Assemble(IEnumerable<Snapshot> snapshots, IEnumerable<Image> images, string region, bool includeUnmanaged)
        {
            var assembler = new SnapshotSetAssembler(region, includeUnmanaged);
            foreach (var snapshot in snapshots) assembler.Add(SnapshotFacts.From(snapshot));
            return assembler.Finish(images);
        }

        internal string Region { get; }

        /// <summary>Snapshot id → the aws:backup:* or aws:dlm:* tag key of every snapshot added that carries one.</summary>
        internal IReadOnlyDictionary<string, string> ForeignOwned => foreignOwned;

        /// <summary>How many sets (rows) there are; the unmanaged snapshots of -IncludeUnmanaged are not among them.</summary>
        internal int SetCount => setIds.Count;

        /// <summary>Set row <paramref name="row"/> (0 … <see cref="SetCount"/> - 1); its state is known once <see cref="Settle"/> ran.</summary>
        internal ref readonly SetRow Row(int row) => ref sets[row];

        /// <summary>True once <see cref="Settle"/> ran: the rows' states and ages are final.</summary>
        internal bool IsSettled => settled;

        internal string SetIdOf(int row) => setIds[row];

        /// <summary>
        /// Orders two rows by set id as string.CompareOrdinal would for ASCII ids (every set id this module makes; an id
        /// written by hand with characters beyond U+FFFF may order differently, only among sets of the same time).
        /// </summary>
        internal int CompareSetIds(int a, int b) => setIds.Compare(a, b);

        // Written without LINQ on purpose: this runs for each of 100,000 snapshots in a rotation.
        [MethodImpl(HotLoop.Optimized)]
        internal void Add(in SnapshotFacts s)
        {
            if (s.Tags.ForeignOwnerTag != null) foreignOwned[s.SnapshotId] = s.Tags.ForeignOwnerTag;
            var setId = s.Tags.SetId;
            if (setId == null)
            {
                if (includeUnmanaged && !unmanaged.ContainsKey(s.SnapshotId)) unmanaged[s.SnapshotId] = Unmanaged(s);
                return;
            }
            var row = setIds.IndexOf(setId);
            var deviceName = s.VolumeId != null && Devices(s.Tags.Devices) is { } devices && devices.TryGetValue(s.VolumeId, out var device) ? device : s.Tags.Device;
            var sourceVolume = SourceVolume(s.VolumeId, deviceName);
            var repeatsVolume = false;
            if (row < 0) row = NewRow(setId, s.Tags);
            else
                for (var member = sets[row].FirstSnapshot; member >= 0; member = snapshots[member].Next)
                {
                    if (snapshotIds.Is(member, s.SnapshotId)) return;
                    repeatsVolume |= sourceVolume != null && sourceVolume == SourceVolume(snapshots[member].VolumeId, snapshots[member].DeviceName);
                }

            var index = snapshotIds.Add(s.SnapshotId);
            if (index == snapshots.Length) Array.Resize(ref snapshots, snapshots.Length * 2);
            snapshots[index] = new SnapshotRow
            {
                Next = -1,
                VolumeId = s.VolumeId,
                DeviceName = deviceName,
                SizeGiB = s.SizeGiB,
                State = s.State,
                Progress = s.Progress,
            };
            ref var set = ref sets[row];
            if (set.LastSnapshot < 0) set.FirstSnapshot = index;
            else snapshots[set.LastSnapshot].Next = index;
            set.LastSnapshot = index;
            set.SnapshotCount++;
            set.AnyError |= s.State == "error";
            set.AllCompleted &= s.State == "completed";
            set.RepeatsVolume |= repeatsVolume;
            if (s.StartTime.HasValue && s.StartTime.Value < set.CreatedAt) set.CreatedAt = s.StartTime.Value;
        }

        /// <summary>Adds the images (an image set takes its tags and devices from its image), settles each set's state and order.</summary>
        internal List<SnapshotSet> Finish(IEnumerable<Image> images)
        {
            Settle(images);
            var built = new List<SnapshotSet>(SetCount + unmanaged.Count);
            for (var row = 0; row < SetCount; row++) built.Add(BuildSet(row));
            built.AddRange(unmanaged.Values);
            return NewestFirst(built);
        }

        /// <summary>
        /// Adds the images (an image set takes its tags from its image, and is as old as the image if that is older) and
        /// settles each set's state, without building the sets: what a rotation decides on.
        /// </summary>
        internal void Settle(IEnumerable<Image> images)
        {
            if (settled) throw new InvalidOperationException("The sets are settled already.");
            settled = true;
            var imagesBySet = new Dictionary<string, Image>(StringComparer.Ordinal);
            foreach (var image in images)
            {
                var setId = SnapshotTags.Get(image.Tags, ManagedTags.SetIdKey);
                if (setId != null && !imagesBySet.ContainsKey(setId)) imagesBySet[setId] = image;
            }
            foreach (var pair in imagesBySet)
            {
                var row = setIds.IndexOf(pair.Key);
                if (row < 0) row = NewRow(pair.Key, SetTagValues.From(pair.Value.Tags));
                ref var set = ref sets[row];
                set.Image = pair.Value;
                if (pair.Value.Tags != null) set.Tags = WithoutSetId(SetTagValues.From(pair.Value.Tags));
                if (pair.Value.CreationDate != null && DateTime.TryParse(pair.Value.CreationDate, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var imageCreated)
                    && imageCreated < set.CreatedAt)
                    set.CreatedAt = imageCreated;
            }
            for (var row = 0; row < SetCount; row++)
            {
                ref var set = ref sets[row];
                set.State = StateOf(set.AnyError, set.AllCompleted, set.SnapshotCount, set.Image?.ImageId != null ? set.Image : null, set.RepeatsVolume);
                if (set.CreatedAt == DateTime.MaxValue) set.CreatedAt = DateTime.MinValue;
            }
        }

        /// <summary>The set of row <paramref name="row"/>, as its own objects (the rows stay as they are).</summary>
        internal SnapshotSet BuildSet(int row)
        {
            if (!settled) throw new InvalidOperationException("The sets are not settled yet: their images and states are not known.");
            ref readonly var r = ref sets[row];
            var set = new SnapshotSet { SetId = setIds[row], Region = Region, CreatedAt = r.CreatedAt, State = r.State };
            ApplyTags(set, r.Tags);
            var members = new SnapshotInfo[r.SnapshotCount];
            var i = 0;
            for (var member = r.FirstSnapshot; member >= 0; member = snapshots[member].Next)
            {
                ref readonly var s = ref snapshots[member];
                members[i++] = new SnapshotInfo { VolumeId = s.VolumeId ?? "", SnapshotId = snapshotIds[member], DeviceName = s.DeviceName, SizeGiB = s.SizeGiB, State = s.State, Progress = s.Progress };
            }
            set.Snapshots = members;
            if (r.Image != null) AddImage(set, r.Image, r.Image.Tags != null ? r.Tags.Devices : null);
            if (members.Length > 1) Array.Sort(members, ByDeviceThenId);
            return set;
        }

        /// <summary>The snapshot ids of row <paramref name="row"/>, in the order they were read.</summary>
        internal string[] SnapshotIdsOf(int row)
        {
            ref readonly var r = ref sets[row];
            var ids = new string[r.SnapshotCount];
            var i = 0;
            for (var member = r.FirstSnapshot; member >= 0; member = snapshots[member].Next) ids[i++] = snapshotIds[member];
            return ids;
        }

        /// <summary>
        /// Sorted on an array of keys rather than with a comparison delegate: a rotation finishes 100,000 sets, and the
        /// delegate calling each set's CreatedAt getter some 1.7 million times was a tenth of its planning time.
        /// </summary>
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

        private int NewRow(string setId, SetTagValues tags)
        {
            var row = setIds.Add(setId);
            if (row == sets.Length) Array.Resize(ref sets, sets.Length * 2);
            // CreatedAt is the earliest member's start time, once one is added.
            sets[row] = new SetRow { Tags = WithoutSetId(tags), CreatedAt = DateTime.MaxValue, FirstSnapshot = -1, LastSnapshot = -1, AllCompleted = true };
            return row;
        }

        /// <summary>The id is in the id table; a row keeping its string too would keep one object per set alive.</summary>
        private static SetTagValues WithoutSetId(SetTagValues tags)
        {
            tags.SetId = null;
            return tags;
        }

        private static void ApplyTags(SnapshotSet set, in SetTagValues tags)
        {
            set.InstanceId = tags.SourceInstance ?? "";
            set.Policy = tags.Policy ?? "";
            set.Name = tags.Name;
            set.Managed = tags.Managed;
            set.DestinationRegion = tags.DestinationRegion;
            set.SourceRegion = tags.SourceRegion;
            set.SourceSetId = tags.SourceSet;
        }

        /// <summary>
        /// An image set: its name is the image's, and the image's block device mappings name the devices its device
        /// tag (<paramref name="devicesTag"/>, from the image's own tags) does not.
        /// </summary>
        private void AddImage(SnapshotSet set, Image image, string? devicesTag)
        {
            set.Kind = SnapshotSetKind.Image;
            set.ImageId = image.ImageId;
            set.Name = image.Name ?? set.Name;
            var devices = devicesTag != null ? new Dictionary<string, string>(Devices(devicesTag)!, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var mapping in image.BlockDeviceMappings ?? new List<BlockDeviceMapping>())
            {
                var member = mapping.Ebs?.SnapshotId == null ? null : Array.Find(set.Snapshots, s => s.SnapshotId == mapping.Ebs.SnapshotId);
                if (member != null && member.VolumeId.Length > 0 && !devices.ContainsKey(member.VolumeId)) devices[member.VolumeId] = mapping.DeviceName;
            }
            foreach (var member in set.Snapshots)
                if (devices.TryGetValue(member.VolumeId, out var device)) member.DeviceName = device;
        }

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
            Region = Region,
            Policy = "",
            Kind = SnapshotSetKind.Snapshots,
            Name = s.Tags.Name,
            Snapshots = new[] { new SnapshotInfo { VolumeId = s.VolumeId ?? "", SnapshotId = s.SnapshotId, SizeGiB = s.SizeGiB, State = s.State, Progress = s.Progress } },
            CreatedAt = s.StartTime ?? DateTime.MinValue,
            State = s.State == "error" ? SnapshotSetState.Failed : s.State == "completed" ? SnapshotSetState.Completed : SnapshotSetState.Pending,
            Managed = false,
        };

        internal static SnapshotSetState StateOf(bool anyError, bool allCompleted, int snapshotCount, Image? image, bool repeatsVolume = false)
        {
            var imageState = image?.State?.Value;
            if (imageState == "failed" || imageState == "error" || anyError) return SnapshotSetState.Failed;
            if (imageState == "pending" || snapshotCount == 0 && image == null || !allCompleted) return SnapshotSetState.Pending;
            // Complete, but a volume is in it twice (a create EC2 carried out twice): never shown as an ordinary Completed set.
            return repeatsVolume ? SnapshotSetState.Overfull : SnapshotSetState.Completed;
        }

        /// <summary>
        /// The source volume a snapshot was taken of, as far as it tells: its volume id, or for a copy (which EC2 shows
        /// with the placeholder volume vol-ffffffff) the device its source volume was attached at; null when neither is known.
        /// Two snapshots of a set with the same source volume make it <see cref="SnapshotSetState.Overfull"/>.
        /// </summary>
        internal static string? SourceVolume(string? volumeId, string? deviceName)
            => !string.IsNullOrEmpty(volumeId) && volumeId != CopyPlaceholderVolume ? volumeId : deviceName;

        private const string CopyPlaceholderVolume = "vol-ffffffff";
    }
}
