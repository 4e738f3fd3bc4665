using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Facts about snapshots that a set alone does not show, read from the same describes the sets come from:
    /// which snapshots AWS Backup or Data Lifecycle Manager own (their aws:backup:* / aws:dlm:* tags), and which
    /// images use which snapshot (block device mappings), so a snapshot another AMI needs is never deleted.
    /// </summary>
    public sealed class RotationGuards
    {
        public RotationGuards(IReadOnlyDictionary<string, string>? ownedByAwsService = null,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? imagesUsingSnapshot = null)
        {
            OwnedByAwsService = ownedByAwsService ?? new Dictionary<string, string>();
            ImagesUsingSnapshot = imagesUsingSnapshot ?? new Dictionary<string, IReadOnlyList<string>>();
        }

        public static RotationGuards None { get; } = new RotationGuards();

        /// <summary>No snapshot is owned by an AWS service or used by an image: nothing to check before a removal.</summary>
        public bool IsEmpty => OwnedByAwsService.Count == 0 && ImagesUsingSnapshot.Count == 0;

        /// <summary>Snapshot id → the aws:backup:* or aws:dlm:* tag key it carries.</summary>
        public IReadOnlyDictionary<string, string> OwnedByAwsService { get; }

        /// <summary>Snapshot id → the images (any, ours or not) whose block device mappings use it.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> ImagesUsingSnapshot { get; }

        /// <summary>Pure: the guards found in described snapshots and images.</summary>
        public static RotationGuards From(IEnumerable<Snapshot> snapshots, IEnumerable<Image> images)
        {
            var owned = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var snapshot in snapshots) // read as the assembler reads them, so both find the same owner tag
                if (SetTagValues.From(snapshot.Tags).ForeignOwnerTag is { } key) owned[snapshot.SnapshotId] = key;
            return From(owned, images);
        }

        /// <param name="ownedByAwsService">Snapshot id → its aws:backup:* / aws:dlm:* tag key, as the reader found them.</param>
        internal static RotationGuards From(IReadOnlyDictionary<string, string> ownedByAwsService, IEnumerable<Image> images)
        {
            var users = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var image in images)
                foreach (var snapshotId in (image.BlockDeviceMappings ?? new List<BlockDeviceMapping>()).Select(m => m.Ebs?.SnapshotId).Where(id => id != null))
                    users[snapshotId!] = (users.TryGetValue(snapshotId!, out var list) ? list : new string[0]).Append(image.ImageId).Distinct().ToList();
            return new RotationGuards(ownedByAwsService, users);
        }
    }
}
