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
    /// <summary>DescribeVolumes, CreateVolume, AttachVolume, DetachVolume, DeleteVolume.</summary>
    internal static class VolumeHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeVolumes"] = DescribeVolumes;
            map["CreateVolume"] = CreateVolume;
            map["AttachVolume"] = AttachVolume;
            map["DetachVolume"] = DetachVolume;
            map["DeleteVolume"] = DeleteVolume;
        }

        private static readonly FilterSpec<VolumeRecord> Spec = new FilterSpec<VolumeRecord>
        {
            ["volume-id"] = v => FilterSpec<VolumeRecord>.One(v.Id),
            ["attachment.instance-id"] = v => FilterSpec<VolumeRecord>.One(v.Attachment?.InstanceId),
            ["attachment.device"] = v => FilterSpec<VolumeRecord>.One(v.Attachment?.Device),
            ["attachment.status"] = v => FilterSpec<VolumeRecord>.One(v.Attachment == null ? null : "attached"),
            ["attachment.delete-on-termination"] = v => FilterSpec<VolumeRecord>.One(v.Attachment == null ? null : Bool(v.Attachment.DeleteOnTermination)),
            ["availability-zone"] = v => FilterSpec<VolumeRecord>.One(v.AvailabilityZone),
            ["status"] = v => FilterSpec<VolumeRecord>.One(v.Status),
            ["snapshot-id"] = v => FilterSpec<VolumeRecord>.One(v.SnapshotId),
            ["volume-type"] = v => FilterSpec<VolumeRecord>.One(v.VolumeType),
            ["size"] = v => FilterSpec<VolumeRecord>.One(Int(v.Size)),
            ["encrypted"] = v => FilterSpec<VolumeRecord>.One(Bool(v.Encrypted)),
        };

        private static IEnumerable<object?> DescribeVolumes(Ec2Context ctx)
        {
            var ids = ctx.P.List("VolumeId");
            if (ids.Count > 0 && ctx.P.Has("MaxResults"))
                throw new SandboxServiceException("InvalidParameterCombination", "The parameter volumeSet cannot be used with the parameter maxResults");
            var volumes = Lookup.RequestedOrAll(IdKind.Volume, ctx.Region.Volumes, ids);
            Ec2ActionPolicy.Describe(ctx.Auth);
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(volumes, Spec), ctx.P, max: 500);
            yield return Set("volumeSet", page, StorageXml.Volume);
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> CreateVolume(Ec2Context ctx)
        {
            if (ctx.MadeWithClientToken() is string madeId && ctx.Region.Volumes.TryGetValue(madeId, out var made))
                return StorageXml.Volume(made);
            var p = ctx.P;
            var zone = p.Required("AvailabilityZone");
            if (!ctx.Region.AvailabilityZones.Contains(zone))
                throw new SandboxServiceException("InvalidParameterValue", $"Invalid availability zone: [{zone}]");
            var snapshot = p.Get("SnapshotId") is string snapId ? IdKind.Snapshot.Find(ctx.Region.Snapshots, snapId) : null;
            if (snapshot != null && !snapshot.IsCompleted(ctx.Now))
                throw new SandboxServiceException("IncorrectState", $"Snapshot is in invalid state - pending");
            var size = p.Int("Size") ?? snapshot?.VolumeSize
                ?? throw new SandboxServiceException("MissingParameter", "The request must contain the parameter size or snapshotId");
            if (snapshot != null && size < snapshot.VolumeSize)
                throw new SandboxServiceException("InvalidParameterValue", $"Volume of {size}GiB is too small; minimum is {snapshot.VolumeSize}GiB.");
            var tags = Tagging.ForResourceType(p, "volume", "volume");
            var id = ctx.Ids.New("vol");
            Ec2ActionPolicy.CreateVolume(ctx.Auth, id, tags, snapshot);

            var volume = new VolumeRecord(id)
            {
                Size = size, AvailabilityZone = zone, SnapshotId = snapshot?.Id, CreateTime = ctx.Now,
                VolumeType = p.Get("VolumeType") ?? "gp2", Encrypted = p.Bool("Encrypted") || (snapshot?.Encrypted ?? false),
            };
            Tagging.Apply(volume.Tags, tags);
            ctx.Region.Volumes[id] = volume;
            ctx.RememberClientToken(id);
            return StorageXml.Volume(volume);
        }

        private static IEnumerable<object?> AttachVolume(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var p = ctx.P;
            var volume = IdKind.Volume.Find(ctx.Region.Volumes, p.Required("VolumeId"));
            var instance = IdKind.Instance.Find(ctx.Region.Instances, p.Required("InstanceId"));
            var device = p.Required("Device");
            if (volume.Attachment != null)
                throw new SandboxServiceException("VolumeInUse", $"{volume.Id} is already attached to an instance");
            if (instance.State == InstanceStates.Terminated || instance.State == InstanceStates.ShuttingDown)
                throw new SandboxServiceException("IncorrectState", $"Instance '{instance.Id}' is not 'running' or 'stopped'.");
            if (volume.AvailabilityZone != instance.AvailabilityZone)
                throw new SandboxServiceException("InvalidVolume.ZoneMismatch",
                    $"The volume '{volume.Id}' is not in the same availability zone as instance '{instance.Id}'");
            if (ctx.Region.VolumesOf(instance.Id).Any(v => v.Attachment!.Device == device))
                throw new SandboxServiceException("InvalidParameterValue", $"Invalid value '{device}' for unixDevice. Attachment point {device} is already in use");
            Ec2ActionPolicy.VolumeAttachment(ctx.Auth, instance, volume);

            volume.Attachment = new VolumeAttachmentRecord { InstanceId = instance.Id, Device = device, AttachTime = ctx.Now };
            return StorageXml.Attachment(volume.Id, volume.Attachment, "attaching");
        }

        private static IEnumerable<object?> DetachVolume(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var p = ctx.P;
            var volume = IdKind.Volume.Find(ctx.Region.Volumes, p.Required("VolumeId"));
            var attachment = volume.Attachment
                ?? throw new SandboxServiceException("IncorrectState", $"Volume '{volume.Id}' is in the 'available' state.");
            if (p.Get("InstanceId") is string requested && requested != attachment.InstanceId)
            {
                IdKind.Instance.CheckFormat(requested);
                throw new SandboxServiceException("InvalidAttachment.NotFound", $"Volume '{volume.Id}' is not attached to instance '{requested}'.");
            }
            var instance = ctx.Region.Instances[attachment.InstanceId];
            if (attachment.Device == instance.RootDeviceName && instance.State != InstanceStates.Stopped)
                throw new SandboxServiceException("IncorrectState", $"Unable to detach root volume '{volume.Id}' from instance '{instance.Id}'");
            Ec2ActionPolicy.VolumeAttachment(ctx.Auth, instance, volume);

            volume.Attachment = null;
            return StorageXml.Attachment(volume.Id, attachment, "detaching");
        }

        private static IEnumerable<object?> DeleteVolume(Ec2Context ctx)
        {
            var volume = IdKind.Volume.Find(ctx.Region.Volumes, ctx.P.Required("VolumeId"));
            if (volume.Attachment != null)
                throw new SandboxServiceException("VolumeInUse", $"Volume {volume.Id} is currently attached to {volume.Attachment.InstanceId}");
            Ec2ActionPolicy.DeleteVolume(ctx.Auth, volume);
            ctx.Region.Volumes.Remove(volume.Id);
            return new object?[] { E("return", "true") };
        }
    }
}
