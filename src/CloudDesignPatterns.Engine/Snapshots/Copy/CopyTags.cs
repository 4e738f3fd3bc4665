using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    /// <summary>
    /// The tags a copy carries: its source's own tags (so Get-PatternSnapshot in the destination groups and filters the copy
    /// like the original), a set id of its own, and where it came from. Written through TagSpecifications at creation,
    /// because the Snapshot role may tag only while creating.
    /// </summary>
    public static class CopyTags
    {
        /// <summary>On each copied snapshot: the snapshot it was copied from, so a second run copies only what is missing.</summary>
        public const string SourceSnapshotKey = "cdp:snapshot:source-snapshot";
        /// <summary>
        /// On each copied snapshot: the device the source volume was attached at. A copy reports the placeholder volume
        /// vol-ffffffff, so the set's volume → device map no longer names it; restore reads this tag instead.
        /// </summary>
        public const string DeviceKey = SnapshotTags.DeviceKey;

        private const int MaxTagsPerResource = 50;

        public static List<Tag> For(IEnumerable<Tag>? sourceTags, string copySetId, string sourceRegion, string sourceSetId,
            string? sourceSnapshotId = null, string? deviceName = null)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in sourceTags ?? Enumerable.Empty<Tag>())
                if (!tag.Key.StartsWith("aws:", StringComparison.Ordinal)) // reserved: AWS refuses them in TagSpecifications
                    tags[tag.Key] = tag.Value;
            tags.Remove(SourceSnapshotKey);
            tags.Remove(DeviceKey);
            tags[ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue;
            tags[ManagedTags.SetIdKey] = copySetId;
            tags[ManagedTags.SourceRegionKey] = sourceRegion;
            tags[ManagedTags.SourceSetKey] = sourceSetId;
            if (sourceSnapshotId != null) tags[SourceSnapshotKey] = sourceSnapshotId;
            if (!string.IsNullOrEmpty(deviceName)) tags[DeviceKey] = deviceName!;
            if (tags.Count > MaxTagsPerResource)
                throw new Errors.PatternException("TooManyTags", Errors.PatternErrorCategory.LimitsExceeded,
                    $"The copy of set {sourceSetId} would carry {tags.Count} tags; EC2 allows {MaxTagsPerResource}. Remove some user tags from the source.");
            return tags.Select(t => new Tag(t.Key, t.Value)).ToList();
        }

        public static TagSpecification Spec(string resourceType, List<Tag> tags)
            => new TagSpecification { ResourceType = resourceType, Tags = tags };
    }
}
