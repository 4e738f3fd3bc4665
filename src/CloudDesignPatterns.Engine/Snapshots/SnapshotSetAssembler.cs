using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using SnapshotInfo = CloudDesignPatterns.Model.Snapshots.SnapshotInfo;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>Pure: groups described snapshots and images into sets by their set-id tag, newest first.</summary>
    public static class SnapshotSetAssembler
    {
        public static List<SnapshotSet> Assemble(IEnumerable<Snapshot> snapshots, IEnumerable<Image> images, string region, bool includeUnmanaged)
        {
            var bySet = new Dictionary<string, List<Snapshot>>(StringComparer.Ordinal);
            var unmanaged = new List<Snapshot>();
            foreach (var snapshot in snapshots)
            {
                var setId = SnapshotTags.Get(snapshot.Tags, ManagedTags.SetIdKey);
                if (setId == null) { unmanaged.Add(snapshot); continue; }
                if (!bySet.TryGetValue(setId, out var list)) bySet[setId] = list = new List<Snapshot>();
                list.Add(snapshot);
            }
            var imagesBySet = new Dictionary<string, Image>(StringComparer.Ordinal);
            foreach (var image in images)
            {
                var setId = SnapshotTags.Get(image.Tags, ManagedTags.SetIdKey);
                if (setId != null && !imagesBySet.ContainsKey(setId)) imagesBySet[setId] = image;
            }

            var sets = new List<SnapshotSet>(bySet.Count + imagesBySet.Count);
            foreach (var pair in bySet)
                sets.Add(Build(pair.Key, pair.Value, imagesBySet.TryGetValue(pair.Key, out var image) ? image : null, region));
            foreach (var pair in imagesBySet)
                if (!bySet.ContainsKey(pair.Key)) sets.Add(Build(pair.Key, new List<Snapshot>(), pair.Value, region));
            if (includeUnmanaged)
                sets.AddRange(unmanaged.Select(s => Unmanaged(s, region)));
            sets.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
            return sets;
        }

        // Written without LINQ on purpose: a rotation assembles 100,000 sets, and the per-set allocations of
        // OrderBy/Concat/Min were half a second of it.
        private static SnapshotSet Build(string setId, List<Snapshot> members, Image? image, string region)
        {
            var tags = SetTagValues.From(image?.Tags ?? (members.Count > 0 ? members[0].Tags : null));
            var devices = tags.Devices == null ? null : SnapshotTags.ParseDevices(tags.Devices);
            if (image?.BlockDeviceMappings != null)
                foreach (var mapping in image.BlockDeviceMappings)
                {
                    if (mapping.Ebs?.SnapshotId == null) continue;
                    var snapshot = members.Find(s => s.SnapshotId == mapping.Ebs.SnapshotId);
                    devices ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    if (snapshot?.VolumeId != null && !devices.ContainsKey(snapshot.VolumeId)) devices[snapshot.VolumeId] = mapping.DeviceName;
                }
            var infos = new SnapshotInfo[members.Count];
            var created = DateTime.MaxValue;
            for (var i = 0; i < members.Count; i++)
            {
                var s = members[i];
                infos[i] = new SnapshotInfo
                {
                    VolumeId = s.VolumeId ?? "",
                    SnapshotId = s.SnapshotId,
                    DeviceName = s.VolumeId != null && devices != null && devices.TryGetValue(s.VolumeId, out var device) ? device : SnapshotTags.Get(s.Tags, SnapshotTags.DeviceKey),
                    SizeGiB = s.VolumeSize ?? 0,
                    State = s.State?.Value ?? "",
                    Progress = ParseProgress(s.Progress),
                };
                if (s.StartTime.HasValue && s.StartTime.Value.ToUniversalTime() < created) created = s.StartTime.Value.ToUniversalTime();
            }
            if (infos.Length > 1) Array.Sort(infos, ByDeviceThenId);
            if (image?.CreationDate != null && DateTime.TryParse(image.CreationDate, null, System.Globalization.DateTimeStyles.AdjustToUniversal, out var imageCreated) && imageCreated < created)
                created = imageCreated;
            return new SnapshotSet
            {
                SetId = setId,
                InstanceId = tags.SourceInstance ?? "",
                Region = region,
                Policy = tags.Policy ?? "",
                Kind = image != null ? SnapshotSetKind.Image : SnapshotSetKind.Snapshots,
                ImageId = image?.ImageId,
                Name = image?.Name ?? tags.Name,
                Snapshots = infos,
                CreatedAt = created == DateTime.MaxValue ? DateTime.MinValue : created,
                State = StateOf(infos, image),
                Managed = tags.ManagedBy == ManagedTags.ManagedByValue,
                DestinationRegion = tags.DestinationRegion,
                SourceRegion = tags.SourceRegion,
                SourceSetId = tags.SourceSet,
            };
        }

        private static int ByDeviceThenId(SnapshotInfo a, SnapshotInfo b)
        {
            var byDevice = string.CompareOrdinal(a.DeviceName ?? "~", b.DeviceName ?? "~");
            return byDevice != 0 ? byDevice : string.CompareOrdinal(a.SnapshotId, b.SnapshotId);
        }

        /// <summary>The tags a set is rebuilt from, picked out in one pass over the tag list.</summary>
        private struct SetTagValues
        {
            public string? Name, ManagedBy, Policy, SourceInstance, Devices, DestinationRegion, SourceRegion, SourceSet;

            public static SetTagValues From(List<Tag>? tags)
            {
                var values = new SetTagValues();
                if (tags == null) return values;
                foreach (var tag in tags)
                    switch (tag.Key)
                    {
                        case "Name": values.Name ??= tag.Value; break;
                        case ManagedTags.ManagedByKey: values.ManagedBy ??= tag.Value; break;
                        case ManagedTags.PolicyKey: values.Policy ??= tag.Value; break;
                        case ManagedTags.SourceInstanceKey: values.SourceInstance ??= tag.Value; break;
                        case SnapshotTags.DevicesKey: values.Devices ??= tag.Value; break;
                        case SnapshotTags.DestinationRegionKey: values.DestinationRegion ??= tag.Value; break;
                        case ManagedTags.SourceRegionKey: values.SourceRegion ??= tag.Value; break;
                        case ManagedTags.SourceSetKey: values.SourceSet ??= tag.Value; break;
                    }
                return values;
            }
        }

        private static SnapshotSet Unmanaged(Snapshot s, string region) => new SnapshotSet
        {
            SetId = s.SnapshotId,
            InstanceId = "",
            Region = region,
            Policy = "",
            Kind = SnapshotSetKind.Snapshots,
            Name = SnapshotTags.Get(s.Tags, "Name"),
            Snapshots = new[] { new SnapshotInfo { VolumeId = s.VolumeId ?? "", SnapshotId = s.SnapshotId, SizeGiB = s.VolumeSize ?? 0, State = s.State?.Value ?? "", Progress = ParseProgress(s.Progress) } },
            CreatedAt = s.StartTime?.ToUniversalTime() ?? DateTime.MinValue,
            State = StateOf(s.State?.Value),
            Managed = false,
        };

        internal static SnapshotSetState StateOf(IReadOnlyCollection<SnapshotInfo> snapshots, Image? image)
        {
            var imageState = image?.State?.Value;
            if (imageState == "failed" || imageState == "error" || snapshots.Any(s => s.State == "error")) return SnapshotSetState.Failed;
            if (imageState == "pending" || snapshots.Count == 0 && image == null || snapshots.Any(s => s.State != "completed")) return SnapshotSetState.Pending;
            return SnapshotSetState.Completed;
        }

        private static SnapshotSetState StateOf(string? state)
            => state == "error" ? SnapshotSetState.Failed : state == "completed" ? SnapshotSetState.Completed : SnapshotSetState.Pending;

        private static int ParseProgress(string? progress)
            => int.TryParse((progress ?? "").TrimEnd('%'), out var value) ? value : 0;
    }
}
