using System;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class VolumeRecord : Ec2Resource
    {
        public VolumeRecord(string id) : base(id) { }
        public override string ResourceType => "volume";

        public int Size { get; set; }
        public string VolumeType { get; set; } = "gp3";
        public string AvailabilityZone { get; set; } = "";
        public string? SnapshotId { get; set; }
        public DateTime CreateTime { get; set; }
        public bool Encrypted { get; set; }
        public VolumeAttachmentRecord? Attachment { get; set; }

        public string Status => Attachment == null ? "available" : "in-use";
    }

    internal sealed class VolumeAttachmentRecord
    {
        public string InstanceId { get; set; } = "";
        public string Device { get; set; } = "";
        public DateTime AttachTime { get; set; }
        public bool DeleteOnTermination { get; set; }
    }
}
