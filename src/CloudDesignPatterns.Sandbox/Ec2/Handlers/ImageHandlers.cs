using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>CreateImage, DescribeImages, DeregisterImage, CopyImage. An image is pending until its snapshots complete.</summary>
    internal static class ImageHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["CreateImage"] = CreateImage;
            map["DescribeImages"] = DescribeImages;
            map["DeregisterImage"] = DeregisterImage;
            map["CopyImage"] = CopyImage;
        }

        private static IEnumerable<object?> CreateImage(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var p = ctx.P;
            var instance = IdKind.Instance.Find(ctx.Region.Instances, p.Required("InstanceId"));
            if (instance.State == InstanceStates.Terminated || instance.State == InstanceStates.ShuttingDown)
                throw new SandboxServiceException("IncorrectInstanceState", $"The instance '{instance.Id}' is not in a state from which it can be imaged.");
            var name = ValidName(ctx, p.Required("Name"));
            var mappings = p.Structs("BlockDeviceMapping");
            var volumes = ctx.Region.VolumesOf(instance.Id)
                .Where(v => !mappings.Any(m => m.Get("DeviceName") == v.Attachment!.Device && m.Has("NoDevice"))).ToList();
            var imageTags = Tagging.ForResourceType(p, "image", "image", "snapshot");
            var snapshotTags = Tagging.ForResourceType(p, "snapshot");
            var imageId = ctx.Ids.New("ami");
            var snapshotIds = volumes.Select(_ => ctx.Ids.New("snap")).ToList();
            Ec2ActionPolicy.CreateImage(ctx.Auth, instance, imageId, imageTags, snapshotIds, snapshotTags);

            var image = NewImage(ctx, imageId, name, p.Get("Description"));
            image.RootDeviceName = instance.RootDeviceName;
            image.SourceInstanceId = instance.Id;
            Tagging.Apply(image.Tags, imageTags);
            for (var n = 0; n < volumes.Count; n++)
            {
                var v = volumes[n];
                var snapshot = SnapshotHandlers.NewSnapshot(ctx, snapshotIds[n], v, $"Created by CreateImage({instance.Id}) for {imageId}");
                Tagging.Apply(snapshot.Tags, snapshotTags);
                var mapping = mappings.FirstOrDefault(m => m.Get("DeviceName") == v.Attachment!.Device);
                image.BlockDevices.Add(new ImageBlockDevice
                {
                    DeviceName = v.Attachment!.Device, SnapshotId = snapshot.Id, Encrypted = v.Encrypted,
                    VolumeSize = mapping?.Int("Ebs.VolumeSize") ?? v.Size,
                    VolumeType = mapping?.Get("Ebs.VolumeType") ?? v.VolumeType,
                    DeleteOnTermination = mapping == null ? v.Attachment.DeleteOnTermination : mapping.Bool("Ebs.DeleteOnTermination", true),
                });
            }
            yield return E("imageId", image.Id);
        }

        private static string ValidName(Ec2Context ctx, string name)
        {
            if (name.Length < 3 || name.Length > 128)
                throw new SandboxServiceException("InvalidAMIName.Malformed", $"AMI names must be between 3 and 128 characters long: '{name}'");
            var clash = ctx.Region.Images.Values.FirstOrDefault(i => i.Name == name && i.OwnerId == ctx.Account);
            if (clash != null)
                throw new SandboxServiceException("InvalidAMIName.Duplicate", $"AMI name {name} is already in use by AMI {clash.Id}");
            return name;
        }

        /// <summary>A pending image owned by the caller; available once both the image and its snapshots would be done.</summary>
        private static ImageRecord NewImage(Ec2Context ctx, string id, string name, string? description)
        {
            var delay = ctx.Options.ImageAvailableDelay > ctx.Options.SnapshotCompletionDelay
                ? ctx.Options.ImageAvailableDelay : ctx.Options.SnapshotCompletionDelay;
            var image = new ImageRecord(id)
            {
                Name = name, Description = description, OwnerId = ctx.Account, CreationDate = ctx.Now, AvailableAt = ctx.Now + delay,
            };
            ctx.Region.Images[id] = image;
            return image;
        }

        private static FilterSpec<ImageRecord> Spec(Ec2Context ctx) => new FilterSpec<ImageRecord>
        {
            ["image-id"] = i => FilterSpec<ImageRecord>.One(i.Id),
            ["name"] = i => FilterSpec<ImageRecord>.One(i.Name),
            ["description"] = i => FilterSpec<ImageRecord>.One(i.Description),
            ["state"] = i => FilterSpec<ImageRecord>.One(i.State(ctx.Now)),
            ["owner-id"] = i => FilterSpec<ImageRecord>.One(i.OwnerId),
            ["owner-alias"] = i => FilterSpec<ImageRecord>.One(i.OwnerAlias),
            ["is-public"] = i => FilterSpec<ImageRecord>.One(Bool(i.OwnerAlias == "amazon")),
            ["image-type"] = i => FilterSpec<ImageRecord>.One("machine"),
            ["architecture"] = i => FilterSpec<ImageRecord>.One("x86_64"),
            ["root-device-type"] = i => FilterSpec<ImageRecord>.One("ebs"),
            ["block-device-mapping.snapshot-id"] = i => i.BlockDevices.Select(b => b.SnapshotId),
            ["block-device-mapping.device-name"] = i => i.BlockDevices.Select(b => b.DeviceName),
        };

        private static IEnumerable<object?> DescribeImages(Ec2Context ctx)
        {
            var images = Lookup.RequestedOrAll(IdKind.Image, ctx.Region.Images, ctx.P.List("ImageId"));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var owners = ctx.P.List("Owner");
            var owned = owners.Count == 0 ? images : images.Where(i => owners.Any(o => SnapshotHandlers.Owns(ctx, o, i.OwnerId, i.OwnerAlias))); // lazy: only the first page runs the query
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(owned, Spec(ctx)), ctx.P);
            yield return Set("imagesSet", page, i => ImageXml.Fields(i, ctx.Now));
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> DeregisterImage(Ec2Context ctx)
        {
            var image = IdKind.Image.Find(ctx.Region.Images, ctx.P.Required("ImageId"));
            if (image.OwnerId != ctx.Account)
                throw new SandboxServiceException("AuthFailure", $"Not authorized for image:{image.Id}");
            Ec2ActionPolicy.DeregisterImage(ctx.Auth, image);
            ctx.Region.Images.Remove(image.Id);
            var deleted = new List<string>();
            if (ctx.P.Bool("DeleteAssociatedSnapshots"))
                foreach (var b in image.BlockDevices)
                    if (ctx.Region.Snapshots.Remove(b.SnapshotId)) deleted.Add(b.SnapshotId);
            yield return E("return", "true");
            if (deleted.Count > 0)
                yield return Set("deleteSnapshotResultSet", deleted, id => new object?[] { E("snapshotId", id), E("returnCode", "success") });
        }

        private static IEnumerable<object?> CopyImage(Ec2Context ctx)
        {
            if (ctx.MadeWithClientToken() is string madeImageId)
            {
                yield return E("imageId", madeImageId);
                yield break;
            }
            var p = ctx.P;
            var sourceRegion = ctx.World.Region(p.Required("SourceRegion"));
            var source = IdKind.Image.Find(sourceRegion.Images, p.Required("SourceImageId"));
            if (source.State(ctx.Now) != "available")
                throw new SandboxServiceException("IncorrectState", $"Image '{source.Id}' is not in the 'available' state.");
            var name = ValidName(ctx, p.Required("Name"));
            var imageTags = Tagging.ForResourceType(p, "image", "image", "snapshot");
            var snapshotTags = Tagging.ForResourceType(p, "snapshot");
            var imageId = ctx.Ids.New("ami");
            Ec2ActionPolicy.CopyImage(ctx.Auth, sourceRegion.Name, source, imageId, imageTags);

            var copy = NewImage(ctx, imageId, name, p.Get("Description") ?? source.Description);
            copy.RootDeviceName = source.RootDeviceName;
            copy.SourceImageId = source.Id;
            copy.SourceImageRegion = sourceRegion.Name;
            if (p.Bool("CopyImageTags")) Tagging.Apply(copy.Tags, source.Tags);
            Tagging.Apply(copy.Tags, imageTags);
            foreach (var b in source.BlockDevices)
            {
                var sourceSnapshot = sourceRegion.Snapshots.TryGetValue(b.SnapshotId, out var s) ? s
                    : new SnapshotRecord(b.SnapshotId) { VolumeSize = b.VolumeSize };
                var snapshot = SnapshotHandlers.CopyOf(ctx, sourceSnapshot, sourceRegion.Name, ctx.Ids.New("snap"),
                    $"Copied for DestinationAmi {imageId} from SourceAmi {source.Id} for SourceSnapshot {b.SnapshotId}.");
                Tagging.Apply(snapshot.Tags, snapshotTags);
                copy.BlockDevices.Add(new ImageBlockDevice
                {
                    DeviceName = b.DeviceName, SnapshotId = snapshot.Id, VolumeSize = b.VolumeSize, VolumeType = b.VolumeType,
                    DeleteOnTermination = b.DeleteOnTermination, Encrypted = b.Encrypted || p.Bool("Encrypted"),
                });
            }
            ctx.RememberClientToken(copy.Id);
            yield return E("imageId", copy.Id);
        }
    }
}
