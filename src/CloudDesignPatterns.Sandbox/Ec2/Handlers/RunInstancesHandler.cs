using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>RunInstances: new instances start "pending", with root (and other) volumes restored from the image's snapshots.</summary>
    internal static class RunInstancesHandler
    {
        public static IEnumerable<object?> Run(Ec2Context ctx)
        {
            var p = ctx.P;
            var r = ctx.Region;
            if (ctx.MadeWithClientToken() is string madeReservation)
                return InstanceQueryHandlers.ReservationFields(ctx, madeReservation,
                    r.Instances.Values.Where(i => i.ReservationId == madeReservation).ToList());
            var image = IdKind.Image.Find(r.Images, p.Required("ImageId"));
            if (image.State(ctx.Now) != "available")
                throw new SandboxServiceException("InvalidAMIID.Unavailable", $"Image {image.Id} is not available (state: pending).");
            var subnet = p.Get("SubnetId") is string subnetId
                ? IdKind.Subnet.Find(r.Subnets, subnetId)
                : r.Subnets.Values.OrderBy(s => s.AvailabilityZone).FirstOrDefault()
                  ?? throw new SandboxServiceException("VPCIdNotSpecified", "No default VPC for this user");
            var groups = p.List("SecurityGroupId") is { Count: > 0 } groupIds
                ? Lookup.All(IdKind.SecurityGroup, r.SecurityGroups, groupIds)
                : r.SecurityGroups.Values.Where(g => g.VpcId == subnet.VpcId && g.GroupName == "default").Take(1).ToList();
            if (groups.Any(g => g.VpcId != subnet.VpcId))
                throw new SandboxServiceException("InvalidParameter", "Security group and subnet belong to different networks.");
            var count = Count(p);
            var privateIp = p.Get("PrivateIpAddress");
            if (privateIp != null && (count > 1 || !PrivateIpAllocator.InSubnet(subnet, privateIp) || PrivateIpAllocator.InUse(r, privateIp)))
                throw new SandboxServiceException("InvalidParameterValue", $"Address {privateIp} is not available in subnet {subnet.Id}.");
            var instanceTags = Tagging.ForResourceType(p, "instance", "instance", "volume", "network-interface");
            var volumeTags = Tagging.ForResourceType(p, "volume");
            var userData = p.Get("UserData") is string ud ? UserDataText.Decode(ud) : null;
            var launch = LaunchOptions.Read(p);

            var instanceIds = Enumerable.Range(0, count).Select(_ => ctx.Ids.New("i")).ToList();
            var volumeIds = instanceIds.SelectMany(_ => image.BlockDevices.Select(__ => ctx.Ids.New("vol"))).ToList();
            var eniIds = instanceIds.Select(_ => ctx.Ids.New("eni")).ToList();
            Ec2ActionPolicy.RunInstances(ctx.Auth, image, subnet, groups, instanceIds, instanceTags, volumeIds, volumeTags, eniIds, launch.ConditionKeys());

            var reservationId = ctx.Ids.New("r");
            var created = new List<InstanceRecord>();
            var volumeQueue = new Queue<string>(volumeIds);
            for (var n = 0; n < count; n++)
            {
                var instance = new InstanceRecord(instanceIds[n])
                {
                    ReservationId = reservationId, ImageId = image.Id, InstanceType = p.Get("InstanceType") ?? "m1.small",
                    AvailabilityZone = subnet.AvailabilityZone, SubnetId = subnet.Id, VpcId = subnet.VpcId, KeyName = p.Get("KeyName"),
                    IamRoleName = RoleName(p), UserData = userData, LaunchTime = ctx.Now, RootDeviceName = image.RootDeviceName,
                    State = InstanceStates.Pending, TransitionAt = ctx.Now + ctx.Options.InstanceTransitionDelay,
                    MetadataTags = p.Get("MetadataOptions.InstanceMetadataTags") == "enabled",
                    HttpTokens = launch.HttpTokens, ShutdownBehavior = launch.ShutdownBehavior, Platform = image.Platform,
                };
                instance.SecurityGroupIds.AddRange(groups.Select(g => g.Id));
                Tagging.Apply(instance.Tags, instanceTags);
                AttachInterface(ctx, instance, subnet, eniIds[n], privateIp ?? PrivateIpAllocator.Next(r, subnet));
                foreach (var device in image.BlockDevices) RestoreVolume(ctx, instance, device, volumeQueue.Dequeue(), volumeTags);
                r.Instances[instance.Id] = instance;
                created.Add(instance);
            }
            ctx.RememberClientToken(reservationId);
            return InstanceQueryHandlers.ReservationFields(ctx, reservationId, created);
        }

        private static int Count(QueryParams p)
        {
            var min = p.Int("MinCount") ?? 1;
            var max = p.Int("MaxCount") ?? min;
            if (min < 1 || max < min)
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({max}) for parameter maxCount is invalid. Expecting a value at least minCount ({min}).");
            return max;
        }

        private static string? RoleName(QueryParams p)
        {
            var name = p.Get("IamInstanceProfile.Name");
            var arn = p.Get("IamInstanceProfile.Arn");
            return name ?? arn?.Substring(arn.LastIndexOf('/') + 1);
        }

        private static void AttachInterface(Ec2Context ctx, InstanceRecord instance, SubnetRecord subnet, string eniId, string ip)
        {
            var eni = new NetworkInterfaceRecord(eniId)
            {
                SubnetId = subnet.Id, VpcId = subnet.VpcId, AvailabilityZone = subnet.AvailabilityZone, MacAddress = ctx.Ids.Mac(),
                AttachedInstanceId = instance.Id, DeviceIndex = 0, AttachmentId = ctx.Ids.New("eni-attach"),
            };
            eni.PrivateIpAddresses.Add(ip);
            eni.SecurityGroupIds.AddRange(instance.SecurityGroupIds);
            ctx.Region.NetworkInterfaces[eni.Id] = eni;
            instance.NetworkInterfaceIds.Add(eni.Id);
        }

        private static void RestoreVolume(Ec2Context ctx, InstanceRecord instance, ImageBlockDevice device, string volumeId, IDictionary<string, string> tags)
        {
            var volume = new VolumeRecord(volumeId)
            {
                Size = device.VolumeSize, VolumeType = device.VolumeType, AvailabilityZone = instance.AvailabilityZone,
                SnapshotId = device.SnapshotId, CreateTime = ctx.Now, Encrypted = device.Encrypted,
                Attachment = new VolumeAttachmentRecord
                {
                    InstanceId = instance.Id, Device = device.DeviceName, AttachTime = ctx.Now, DeleteOnTermination = device.DeleteOnTermination,
                },
            };
            Tagging.Apply(volume.Tags, tags);
            ctx.Region.Volumes[volume.Id] = volume;
        }
    }
}
