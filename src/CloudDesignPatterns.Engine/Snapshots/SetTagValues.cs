using System;
using System.Runtime.CompilerServices;
using CloudDesignPatterns.Engine.Ec2.Query;
using System.Collections.Generic;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// The tags a set is rebuilt from (and the one a rotation guard needs), picked out of a tag list in one pass; every
    /// other tag is dropped. The first value of a key wins, as with a tag list read front to back.
    /// </summary>
    internal struct SetTagValues
    {
        public string? SetId, Name, ManagedBy, Policy, SourceInstance, Devices, Device, DestinationRegion, SourceRegion, SourceSet;

        /// <summary>The first aws:backup:* or aws:dlm:* key: AWS Backup or Data Lifecycle Manager owns the resource.</summary>
        public string? ForeignOwnerTag;

        /// <summary>Tagged cdp:managed-by = CloudDesignPatterns: made by this module.</summary>
        public bool Managed => ManagedBy == ManagedTags.ManagedByValue;

        public static SetTagValues From(List<Tag>? tags)
        {
            var values = new SetTagValues();
            if (tags != null)
                foreach (var tag in tags) values.Take(tag.Key, tag.Value);
            return values;
        }

        /// <summary>Tag key prefixes of AWS Backup and Data Lifecycle Manager: a resource carrying one is theirs (rotation never touches it).</summary>
        public static readonly string[] ForeignOwnerTagPrefixes = { "aws:backup:", "aws:dlm:" };

        [MethodImpl(HotLoop.Optimized)]
        public void Take(string key, string value)
        {
            switch (key)
            {
                case ManagedTags.SetIdKey: SetId ??= value; break;
                case "Name": Name ??= value; break;
                case ManagedTags.ManagedByKey: ManagedBy ??= value; break;
                case ManagedTags.PolicyKey: Policy ??= value; break;
                case ManagedTags.SourceInstanceKey: SourceInstance ??= value; break;
                case SnapshotTags.DevicesKey: Devices ??= value; break;
                case SnapshotTags.DeviceKey: Device ??= value; break;
                case SnapshotTags.DestinationRegionKey: DestinationRegion ??= value; break;
                case ManagedTags.SourceRegionKey: SourceRegion ??= value; break;
                case ManagedTags.SourceSetKey: SourceSet ??= value; break;
                default:
                    if (ForeignOwnerTag == null && IsForeignOwnerTag(key)) ForeignOwnerTag = key;
                    break;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsForeignOwnerTag(string key)
        {
            foreach (var prefix in ForeignOwnerTagPrefixes)
                if (key.StartsWith(prefix, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
