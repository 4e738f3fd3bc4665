using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>DescribeInstances and DescribeInstanceAttribute.</summary>
    internal static class InstanceQueryHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeInstances"] = DescribeInstances;
            map["DescribeInstanceAttribute"] = DescribeInstanceAttribute;
        }

        private static FilterSpec<InstanceRecord> Spec(RegionState r) => new FilterSpec<InstanceRecord>
        {
            ["instance-id"] = i => FilterSpec<InstanceRecord>.One(i.Id),
            ["instance-state-name"] = i => FilterSpec<InstanceRecord>.One(i.State),
            ["instance-state-code"] = i => FilterSpec<InstanceRecord>.One(Int(InstanceStates.Code(i.State))),
            ["instance-type"] = i => FilterSpec<InstanceRecord>.One(i.InstanceType),
            ["image-id"] = i => FilterSpec<InstanceRecord>.One(i.ImageId),
            ["vpc-id"] = i => FilterSpec<InstanceRecord>.One(i.VpcId),
            ["subnet-id"] = i => FilterSpec<InstanceRecord>.One(i.SubnetId),
            ["availability-zone"] = i => FilterSpec<InstanceRecord>.One(i.AvailabilityZone),
            ["private-ip-address"] = i => FilterSpec<InstanceRecord>.One(r.PrimaryInterface(i)?.PrivateIpAddresses.FirstOrDefault()),
            ["network-interface.network-interface-id"] = i => i.NetworkInterfaceIds,
            ["instance.group-id"] = i => i.SecurityGroupIds,
            ["reservation-id"] = i => FilterSpec<InstanceRecord>.One(i.ReservationId),
        };

        private static IEnumerable<object?> DescribeInstances(Ec2Context ctx)
        {
            var ids = ctx.P.List("InstanceId");
            if (ids.Count > 0 && ctx.P.Has("MaxResults"))
                throw new SandboxServiceException("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
            ctx.SettleInstances();
            var requested = Lookup.RequestedOrAll(IdKind.Instance, ctx.Region.Instances, ids);
            Ec2ActionPolicy.Describe(ctx.Auth);
            var matching = ctx.Filters().Apply(requested, Spec(ctx.Region));
            var (page, next) = Paging.Take(() => matching, ctx.P);
            yield return Reservations("reservationSet", ctx, page);
            yield return Opt("nextToken", next);
        }

        /// <summary>Groups instances by reservation, keeping first-seen order.</summary>
        public static Ec2Element Reservations(string element, Ec2Context ctx, IEnumerable<InstanceRecord> instances) =>
            Set(element, instances.GroupBy(i => i.ReservationId), g => ReservationFields(ctx, g.Key, g));

        public static object?[] ReservationFields(Ec2Context ctx, string reservationId, IEnumerable<InstanceRecord> instances) => new object?[]
        {
            E("reservationId", reservationId),
            E("ownerId", ctx.Account),
            E("groupSet"),
            Set("instancesSet", instances, i => InstanceXml.Fields(ctx.Region, i, ctx.Account)),
        };

        private static IEnumerable<object?> DescribeInstanceAttribute(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var instance = IdKind.Instance.Find(ctx.Region.Instances, ctx.P.Required("InstanceId"));
            var attribute = ctx.P.Required("Attribute");
            Ec2ActionPolicy.Describe(ctx.Auth);
            yield return E("instanceId", instance.Id);
            yield return Attribute(ctx.Region, instance, attribute);
        }

        private static object Attribute(RegionState r, InstanceRecord i, string attribute)
        {
            switch (attribute)
            {
                case "userData":
                    return i.UserData == null ? E("userData") : E("userData", E("value", Convert.ToBase64String(Encoding.UTF8.GetBytes(i.UserData))));
                case "sourceDestCheck":
                    return E("sourceDestCheck", E("value", Bool(r.PrimaryInterface(i)?.SourceDestCheck ?? true)));
                case "instanceType":
                    return E("instanceType", E("value", i.InstanceType));
                case "groupSet":
                    return Set("groupSet", InstanceXml.Groups(r, i.SecurityGroupIds), g => g);
                case "disableApiTermination":
                    return E("disableApiTermination", E("value", "false"));
                case "disableApiStop":
                    return E("disableApiStop", E("value", "false"));
                case "instanceInitiatedShutdownBehavior":
                    return E("instanceInitiatedShutdownBehavior", E("value", i.ShutdownBehavior));
                case "rootDeviceName":
                    return E("rootDeviceName", E("value", i.RootDeviceName));
                case "ebsOptimized":
                    return E("ebsOptimized", E("value", "false"));
                case "enaSupport":
                    return E("enaSupport", E("value", "true"));
                case "blockDeviceMapping":
                    return Set("blockDeviceMapping", r.VolumesOf(i.Id), v => new object?[]
                    {
                        E("deviceName", v.Attachment!.Device),
                        E("ebs", E("volumeId", v.Id), E("status", "attached"), E("attachTime", Time(v.Attachment.AttachTime)),
                            E("deleteOnTermination", Bool(v.Attachment.DeleteOnTermination))),
                    });
                default:
                    throw new SandboxServiceException("InvalidParameterValue", $"Value ({attribute}) for parameter attribute is invalid. Unknown attribute.");
            }
        }
    }
}
