using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>The tags a snapshot set carries, written at creation and read back to rebuild the set.</summary>
    public static class SnapshotTags
    {
        /// <summary>Volume → device map of the source instance ("vol-…=xvdf,…"), so a restore can reattach at the same devices.</summary>
        public const string DevicesKey = "cdp:snapshot:devices";
        /// <summary>The DR region configured for the source instance, carried so Copy-PatternSnapshot needs no argument.</summary>
        public const string DestinationRegionKey = "cdp:snapshot:destination-region";
        public const string KindKey = "cdp:snapshot:kind";
        /// <summary>On a copied snapshot (whose volume id is a placeholder in the DR region): the device its source volume had.</summary>
        public const string DeviceKey = "cdp:snapshot:device";
        private const int MaxTagValueLength = 256;

        /// <summary>Set ids: "ss-" and 16 hex characters; only characters instance-metadata tags allow.</summary>
        public static string NewSetId() => "ss-" + Guid.NewGuid().ToString("N").Substring(0, 16);

        public static string SetName(string policy, string instanceId, DateTime createdUtc)
            => $"{policy}-{instanceId}-{createdUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";

        public static List<Tag> ForNewSet(string setId, string policy, string instanceId, string name, string kind,
            IReadOnlyDictionary<string, string>? extra, IEnumerable<KeyValuePair<string, string>> devices, string? destinationRegion)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in extra ?? new Dictionary<string, string>()) tags[pair.Key] = pair.Value;
            tags["Name"] = name;
            tags[ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue;
            tags[ManagedTags.PolicyKey] = policy;
            tags[ManagedTags.SourceInstanceKey] = instanceId;
            tags[ManagedTags.SetIdKey] = setId;
            tags[KindKey] = kind;
            var deviceMap = FormatDevices(devices);
            if (deviceMap != null) tags[DevicesKey] = deviceMap;
            if (!string.IsNullOrEmpty(destinationRegion)) tags[DestinationRegionKey] = destinationRegion!;
            return tags.Select(t => new Tag(t.Key, t.Value)).ToList();
        }

        /// <summary>"vol-1=xvda,vol-2=xvdf"; null when it would not fit in one tag value (restore then picks free devices).</summary>
        internal static string? FormatDevices(IEnumerable<KeyValuePair<string, string>> devices)
        {
            var text = string.Join(",", devices.Select(d => d.Key + "=" + StripDevPrefix(d.Value)));
            return text.Length == 0 || text.Length > MaxTagValueLength ? null : text;
        }

        internal static Dictionary<string, string> ParseDevices(string? value)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in (value ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=');
                if (parts.Length == 2) map[parts[0]] = "/dev/" + parts[1];
            }
            return map;
        }

        private static string StripDevPrefix(string device) => device.StartsWith("/dev/", StringComparison.Ordinal) ? device.Substring(5) : device;

        internal static string? Get(IEnumerable<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

        internal static Dictionary<string, string> ToDictionary(IEnumerable<Tag>? tags)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in tags ?? Enumerable.Empty<Tag>()) map[t.Key] = t.Value;
            return map;
        }
    }
}
