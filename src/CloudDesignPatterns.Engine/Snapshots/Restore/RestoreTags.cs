using System.Collections.Generic;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>
    /// Tags on what a restore creates, applied at creation (the SnapshotRestore role may tag only then). No set-id tag:
    /// a restored volume is not a backup, and must never be counted as a generation.
    /// </summary>
    internal static class RestoreTags
    {
        public static List<Tag> For(string sourceSetId, string name) => new List<Tag>
        {
            new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue),
            new Tag(ManagedTags.SourceSetKey, sourceSetId),
            new Tag("Name", name),
        };

        public static string VolumeName(string instanceId, string? device, string setId)
            => $"{(instanceId.Length > 0 ? instanceId : "volume")}{(device != null ? ":" + device : "")} restored from {setId}";

        public static string InstanceName(string instanceId, string setId)
            => $"{(instanceId.Length > 0 ? instanceId : "instance")} restored from {setId}";
    }
}
