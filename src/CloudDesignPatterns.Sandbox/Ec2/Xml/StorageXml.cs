using System;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>Volume, VolumeAttachment, Snapshot and SnapshotInfo shapes.</summary>
    internal static class StorageXml
    {
        public static object?[] Volume(VolumeRecord v) => new object?[]
        {
            E("volumeId", v.Id),
            E("size", Int(v.Size)),
            E("snapshotId", v.SnapshotId ?? ""),
            E("availabilityZone", v.AvailabilityZone),
            E("status", v.Status),
            E("createTime", Time(v.CreateTime)),
            Set("attachmentSet", v.Attachment == null ? Array.Empty<VolumeAttachmentRecord>() : new[] { v.Attachment },
                a => Attachment(v.Id, a, "attached")),
            E("volumeType", v.VolumeType),
            v.VolumeType == "gp3" ? E("iops", "3000") : null,
            v.VolumeType == "gp3" ? E("throughput", "125") : null,
            E("encrypted", Bool(v.Encrypted)),
            E("multiAttachEnabled", "false"),
            v.Tags.Count > 0 ? TagSet(v.Tags) : null,
        };

        public static object?[] Attachment(string volumeId, VolumeAttachmentRecord a, string status) => new object?[]
        {
            E("volumeId", volumeId),
            E("instanceId", a.InstanceId),
            E("device", a.Device),
            E("status", status),
            E("attachTime", Time(a.AttachTime)),
            E("deleteOnTermination", Bool(a.DeleteOnTermination)),
        };

        /// <summary>The Snapshot shape (DescribeSnapshots items, CreateSnapshot's top level).</summary>
        public static object?[] Snapshot(SnapshotRecord s, DateTime now) => new object?[] { new SnapshotXml(s, now) };

        /// <summary>The SnapshotInfo shape (CreateSnapshots items): state, not status.</summary>
        public static object?[] SnapshotInfo(SnapshotRecord s, DateTime now, string availabilityZone) => new object?[]
        {
            E("description", s.Description),
            s.Tags.Count > 0 ? TagSet(s.Tags) : null,
            E("encrypted", Bool(s.Encrypted)),
            E("volumeId", s.VolumeId),
            E("state", s.Status(now)),
            E("volumeSize", Int(s.VolumeSize)),
            E("startTime", Time(s.StartTime)),
            E("progress", s.Progress(now)),
            E("ownerId", s.OwnerId),
            E("snapshotId", s.Id),
            E("availabilityZone", availabilityZone),
        };
    }
}
