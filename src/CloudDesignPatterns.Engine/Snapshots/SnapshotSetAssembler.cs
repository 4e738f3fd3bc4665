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
            var imagesBySet = images
                .Select(i => (SetId: SnapshotTags.Get(i.Tags, ManagedTags.SetIdKey), Image: i))
                .Where(x => x.SetId != null)
                .GroupBy(x => x.SetId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Image, StringComparer.Ordinal);

            var sets = new List<SnapshotSet>(bySet.Count + imagesBySet.Count);
            foreach (var setId in bySet.Keys.Union(imagesBySet.Keys))
            {
                bySet.TryGetValue(setId, out var members);
                imagesBySet.TryGetValue(setId, out var image);
                sets.Add(Build(setId, members ?? new List<Snapshot>(), image, region));
            }
            if (includeUnmanaged)
                sets.AddRange(unmanaged.Select(s => Unmanaged(s, region)));
            sets.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
            return sets;
        }

        private static SnapshotSet Build(string setId, List<Snapshot> members, Image? image, string region)
        {
            var tags = image?.Tags ?? members.FirstOrDefault()?.Tags;
            var devices = SnapshotTags.ParseDevices(SnapshotTags.Get(tags, SnapshotTags.DevicesKey));
            if (image?.BlockDeviceMappings != null)
                foreach (var mapping in image.BlockDeviceMappings.Where(m => m.Ebs?.SnapshotId != null))
                {
                    var snapshot = members.FirstOrDefault(s => s.SnapshotId == mapping.Ebs.SnapshotId);
                    if (snapshot?.VolumeId != null && !devices.ContainsKey(snapshot.VolumeId)) devices[snapshot.VolumeId] = mapping.DeviceName;
                }
            var infos = members
                .Select(s => new SnapshotInfo
                {
                    VolumeId = s.VolumeId ?? "",
                    SnapshotId = s.SnapshotId,
                    DeviceName = s.VolumeId != null && devices.TryGetValue(s.VolumeId, out var device) ? device : SnapshotTags.Get(s.Tags, SnapshotTags.DeviceKey),
                    SizeGiB = s.VolumeSize ?? 0,
                    State = s.State?.Value ?? "",
                    Progress = ParseProgress(s.Progress),
                })
                .OrderBy(i => i.DeviceName ?? "~", StringComparer.Ordinal).ThenBy(i => i.SnapshotId, StringComparer.Ordinal)
                .ToArray();
            var created = members.Select(s => s.StartTime).Where(t => t.HasValue).Select(t => t!.Value.ToUniversalTime())
                .Concat(image?.CreationDate != null && DateTime.TryParse(image.CreationDate, null, System.Globalization.DateTimeStyles.AdjustToUniversal, out var c) ? new[] { c } : new DateTime[0])
                .DefaultIfEmpty(DateTime.MinValue).Min();
            return new SnapshotSet
            {
                SetId = setId,
                InstanceId = SnapshotTags.Get(tags, ManagedTags.SourceInstanceKey) ?? "",
                Region = region,
                Policy = SnapshotTags.Get(tags, ManagedTags.PolicyKey) ?? "",
                Kind = image != null ? SnapshotSetKind.Image : SnapshotSetKind.Snapshots,
                ImageId = image?.ImageId,
                Name = image?.Name ?? SnapshotTags.Get(tags, "Name"),
                Snapshots = infos,
                CreatedAt = created,
                State = StateOf(infos, image),
                Managed = SnapshotTags.Get(tags, ManagedTags.ManagedByKey) == ManagedTags.ManagedByValue,
                DestinationRegion = SnapshotTags.Get(tags, SnapshotTags.DestinationRegionKey),
                SourceRegion = SnapshotTags.Get(tags, ManagedTags.SourceRegionKey),
                SourceSetId = SnapshotTags.Get(tags, ManagedTags.SourceSetKey),
            };
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
