using System;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>The Image shape (an item of imagesSet).</summary>
    internal static class ImageXml
    {
        public static object?[] Fields(ImageRecord i, DateTime now) => new object?[]
        {
            E("imageId", i.Id),
            E("imageLocation", (i.OwnerAlias ?? i.OwnerId) + "/" + i.Name),
            E("imageState", i.State(now)),
            E("imageOwnerId", i.OwnerId),
            E("creationDate", Time(i.CreationDate)),
            E("isPublic", Bool(i.OwnerAlias == "amazon")),
            E("architecture", "x86_64"),
            E("imageType", "machine"),
            Opt("platform", i.Platform),
            E("platformDetails", i.Platform == "windows" ? "Windows" : "Linux/UNIX"),
            E("usageOperation", "RunInstances"),
            Opt("imageOwnerAlias", i.OwnerAlias),
            E("name", i.Name),
            Opt("description", i.Description),
            E("rootDeviceType", "ebs"),
            E("rootDeviceName", i.RootDeviceName),
            Set("blockDeviceMapping", i.BlockDevices, b => new object?[]
            {
                E("deviceName", b.DeviceName),
                E("ebs", E("snapshotId", b.SnapshotId), E("volumeSize", Int(b.VolumeSize)),
                    E("deleteOnTermination", Bool(b.DeleteOnTermination)), E("volumeType", b.VolumeType), E("encrypted", Bool(b.Encrypted))),
            }),
            E("virtualizationType", "hvm"),
            i.Tags.Count > 0 ? TagSet(i.Tags) : null,
            E("hypervisor", "xen"),
            E("enaSupport", "true"),
            E("bootMode", "uefi-preferred"),
            Opt("sourceInstanceId", i.SourceInstanceId),
            Opt("sourceImageId", i.SourceImageId),
            Opt("sourceImageRegion", i.SourceImageRegion),
        };
    }
}
