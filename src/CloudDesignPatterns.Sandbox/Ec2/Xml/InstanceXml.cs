using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>The Instance shape (an item of instancesSet) and the InstanceState / InstanceStateChange shapes.</summary>
    internal static class InstanceXml
    {
        public static object?[] Fields(RegionState region, InstanceRecord i, string account)
        {
            var primary = region.PrimaryInterface(i);
            var address = primary == null ? null : region.AddressFor(primary);
            var running = i.State != InstanceStates.Terminated;
            return new object?[]
            {
                E("instanceId", i.Id),
                E("imageId", i.ImageId),
                State("instanceState", i.State),
                E("privateDnsName", running ? PrivateDns(region, i) : ""),
                E("dnsName", ""),
                E("reason", i.StateReason),
                Opt("keyName", i.KeyName),
                E("amiLaunchIndex", "0"),
                E("productCodes"),
                Opt("platform", i.Platform),
                E("instanceType", i.InstanceType),
                E("launchTime", Time(i.LaunchTime)),
                E("placement", E("availabilityZone", i.AvailabilityZone), E("groupName", ""), E("tenancy", "default")),
                E("monitoring", E("state", "disabled")),
                running ? E("subnetId", i.SubnetId) : null,
                running ? E("vpcId", i.VpcId) : null,
                running ? Opt("privateIpAddress", primary?.PrivateIpAddresses.FirstOrDefault()) : null,
                Opt("ipAddress", address?.PublicIp),
                E("sourceDestCheck", Bool(primary?.SourceDestCheck ?? true)),
                Set("groupSet", Groups(region, i.SecurityGroupIds), g => g),
                i.State == InstanceStates.Stopped ? E("stateReason", E("code", "Client.UserInitiatedShutdown"),
                    E("message", "Client.UserInitiatedShutdown: User initiated shutdown")) : null,
                E("architecture", "x86_64"),
                E("rootDeviceType", "ebs"),
                E("rootDeviceName", i.RootDeviceName),
                Set("blockDeviceMapping", region.VolumesOf(i.Id), v => new object?[]
                {
                    E("deviceName", v.Attachment!.Device),
                    E("ebs", E("volumeId", v.Id), E("status", "attached"), E("attachTime", Time(v.Attachment.AttachTime)),
                        E("deleteOnTermination", Bool(v.Attachment.DeleteOnTermination))),
                }),
                E("virtualizationType", "hvm"),
                E("clientToken", ""),
                TagSet(i.Tags),
                E("hypervisor", "xen"),
                i.IamRoleName == null ? null : E("iamInstanceProfile",
                    E("arn", $"arn:aws:iam::{account}:instance-profile/{i.IamRoleName}"), E("id", "AIPA" + i.Id.Substring(2).ToUpperInvariant())),
                running ? Set("networkInterfaceSet", i.NetworkInterfaceIds.Where(region.NetworkInterfaces.ContainsKey).Select(id => region.NetworkInterfaces[id]),
                    eni => InterfaceFields(region, eni, account)) : E("networkInterfaceSet"),
                E("ebsOptimized", "false"),
                E("enaSupport", "true"),
                E("metadataOptions", E("state", "applied"), E("httpTokens", i.HttpTokens), E("httpPutResponseHopLimit", "2"),
                    E("httpEndpoint", "enabled"), E("httpProtocolIpv6", "disabled"),
                    E("instanceMetadataTags", i.MetadataTags ? "enabled" : "disabled")),
                E("bootMode", "uefi-preferred"),
                E("platformDetails", i.Platform == "windows" ? "Windows" : "Linux/UNIX"),
            };
        }

        /// <summary>An instance's view of one attached interface (InstanceNetworkInterface).</summary>
        private static object?[] InterfaceFields(RegionState region, NetworkInterfaceRecord eni, string account)
        {
            var address = region.AddressFor(eni);
            return new object?[]
            {
                E("networkInterfaceId", eni.Id),
                E("subnetId", eni.SubnetId),
                E("vpcId", eni.VpcId),
                E("description", eni.Description),
                E("ownerId", account),
                E("status", "in-use"),
                E("macAddress", eni.MacAddress),
                E("privateIpAddress", eni.PrivateIpAddresses.FirstOrDefault() ?? ""),
                E("sourceDestCheck", Bool(eni.SourceDestCheck)),
                Set("groupSet", Groups(region, eni.SecurityGroupIds), g => g),
                E("attachment", E("attachmentId", eni.AttachmentId), E("deviceIndex", Int(eni.DeviceIndex)), E("status", "attached"),
                    E("deleteOnTermination", Bool(eni.DeviceIndex == 0)), E("networkCardIndex", "0")),
                address == null ? null : E("association", E("publicIp", address.PublicIp), E("publicDnsName", ""), E("ipOwnerId", account)),
                Set("privateIpAddressesSet", eni.PrivateIpAddresses.Select((ip, n) => (ip, n)), p => new object?[]
                {
                    E("privateIpAddress", p.ip),
                    E("primary", Bool(p.n == 0)),
                    address != null && address.PrivateIpAddress == p.ip
                        ? E("association", E("publicIp", address.PublicIp), E("publicDnsName", ""), E("ipOwnerId", account)) : null,
                }),
                E("interfaceType", "interface"),
            };
        }

        public static IEnumerable<object?[]> Groups(RegionState region, IEnumerable<string> groupIds) =>
            groupIds.Select(id => new object?[]
            {
                E("groupId", id),
                E("groupName", region.SecurityGroups.TryGetValue(id, out var g) ? g.GroupName : ""),
            });

        public static Ec2Element State(string element, string state) =>
            E(element, E("code", Int(InstanceStates.Code(state))), E("name", state));

        /// <summary>InstanceStateChange (an item of Start/Stop/TerminateInstances' instancesSet).</summary>
        public static object?[] StateChange(string instanceId, string previous, string current) => new object?[]
        {
            E("instanceId", instanceId), State("currentState", current), State("previousState", previous),
        };

        private static string PrivateDns(RegionState region, InstanceRecord i)
        {
            var ip = region.PrimaryInterface(i)?.PrivateIpAddresses.FirstOrDefault();
            return ip == null ? "" : $"ip-{ip.Replace('.', '-')}.{region.Name}.compute.internal";
        }
    }
}
