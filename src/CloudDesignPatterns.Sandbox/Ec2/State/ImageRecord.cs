using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class ImageRecord : Ec2Resource
    {
        public ImageRecord(string id) : base(id) { }
        public override string ResourceType => "image";

        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string OwnerId { get; set; } = "";
        public string? OwnerAlias { get; set; }
        public DateTime CreationDate { get; set; }
        public DateTime AvailableAt { get; set; }
        public string RootDeviceName { get; set; } = "/dev/xvda";
        /// <summary>"windows" for a Windows image (DescribeImages' platform field), else null.</summary>
        public string? Platform { get; set; }
        public string? SourceInstanceId { get; set; }
        public string? SourceImageId { get; set; }
        public string? SourceImageRegion { get; set; }
        public List<ImageBlockDevice> BlockDevices { get; } = new List<ImageBlockDevice>();

        public string State(DateTime now) => now >= AvailableAt ? "available" : "pending";
    }

    internal sealed class ImageBlockDevice
    {
        public string DeviceName { get; set; } = "";
        public string SnapshotId { get; set; } = "";
        public int VolumeSize { get; set; }
        public string VolumeType { get; set; } = "gp3";
        public bool DeleteOnTermination { get; set; } = true;
        public bool Encrypted { get; set; }
    }
}
