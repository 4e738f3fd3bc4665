using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>Projects one instance's EC2 state onto what instance metadata serves.</summary>
    internal static class ImdsViewBuilder
    {
        public static ImdsInstanceView Build(RegionState region, InstanceRecord i, string accountId)
        {
            var interfaces = i.NetworkInterfaceIds
                .Where(region.NetworkInterfaces.ContainsKey)
                .Select(id => region.NetworkInterfaces[id])
                .OrderBy(e => e.DeviceIndex)
                .Select(e => new ImdsInterfaceView
                {
                    Mac = e.MacAddress, InterfaceId = e.Id, DeviceIndex = e.DeviceIndex, VpcId = e.VpcId, SubnetId = e.SubnetId,
                    VpcCidrBlock = region.Vpcs.TryGetValue(e.VpcId, out var vpc) ? vpc.CidrBlock : "",
                    SubnetCidrBlock = region.Subnets.TryGetValue(e.SubnetId, out var subnet) ? subnet.CidrBlock : "",
                    PrivateIpAddresses = e.PrivateIpAddresses.ToList(),
                    SecurityGroupIds = e.SecurityGroupIds.ToList(),
                    PublicIpv4Associations = region.Addresses.Values
                        .Where(a => a.NetworkInterfaceId == e.Id && a.PrivateIpAddress != null)
                        .OrderBy(a => e.PrivateIpAddresses.IndexOf(a.PrivateIpAddress!))
                        .ToDictionary(a => a.PublicIp, a => a.PrivateIpAddress!),
                })
                .ToList();
            var primary = region.PrimaryInterface(i);
            var privateIp = primary?.PrivateIpAddresses.FirstOrDefault() ?? "";
            return new ImdsInstanceView
            {
                InstanceId = i.Id, Region = region.Name, AvailabilityZone = i.AvailabilityZone, AccountId = accountId,
                InstanceType = i.InstanceType, ImageId = i.ImageId, PrivateIpAddress = privateIp,
                PublicIpAddress = primary == null ? null : region.AddressFor(primary)?.PublicIp,
                LocalHostname = privateIp.Length == 0 ? "" : $"ip-{privateIp.Replace('.', '-')}.{region.Name}.compute.internal",
                IamRoleName = i.IamRoleName, UserData = i.UserData, InstanceMetadataTags = i.MetadataTags,
                Tags = new Dictionary<string, string>(i.Tags),
                Interfaces = interfaces,
            };
        }
    }
}
