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
        /// <summary>The tags of one snapshot of a snapshot set (kind "snapshots") of a one-volume instance; the device without "/dev/".</summary>
        public static Dictionary<string, string> ForSnapshotSet(string setId, string policy, string instanceId, DateTime createdUtc, string volumeId, string device)
            => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Name"] = $"{policy}-{instanceId}-{createdUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}",
                ["cdp:managed-by"] = "CloudDesignPatterns",
                ["cdp:snapshot:policy"] = policy,
                ["cdp:snapshot:source-instance"] = instanceId,
                ["cdp:snapshot:set-id"] = setId,
                ["cdp:snapshot:kind"] = "snapshots",
                ["cdp:snapshot:devices"] = volumeId + "=" + device,
            };
    }
}
