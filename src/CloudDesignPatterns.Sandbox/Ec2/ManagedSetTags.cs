using System;
using System.Collections.Generic;
using System.Globalization;

namespace CloudDesignPatterns.Sandbox.Ec2
{
    /// <summary>
    /// The tags a snapshot set made by the module carries (docs/patterns/snapshot.md), written out here for seeding. Its
    /// own copy on purpose, not the engine's: a stand-in that shared the product's tag code would agree with its bugs.
    /// </summary>
    internal static class ManagedSetTags
    {
        public const string ManagedByKey = "cdp:managed-by";
        public const string ManagedByValue = "CloudDesignPatterns";
        public const string SetIdKey = "cdp:snapshot:set-id";
        public const string PolicyKey = "cdp:snapshot:policy";
        public const string SourceInstanceKey = "cdp:snapshot:source-instance";
        public const string KindKey = "cdp:snapshot:kind";
        /// <summary>"vol-…=xvda,…": the source instance's volume → device map, devices without "/dev/".</summary>
        public const string DevicesKey = "cdp:snapshot:devices";

        /// <summary>The tags of one snapshot of a snapshot set (kind "snapshots") of a one-volume instance.</summary>
        public static Dictionary<string, string> ForSnapshotSet(string setId, string policy, string instanceId, DateTime createdUtc, string volumeId, string device)
            => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Name"] = $"{policy}-{instanceId}-{createdUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}",
                [ManagedByKey] = ManagedByValue,
                [PolicyKey] = policy,
                [SourceInstanceKey] = instanceId,
                [SetIdKey] = setId,
                [KindKey] = "snapshots",
                [DevicesKey] = volumeId + "=" + device,
            };
    }
}
