using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>The describes of the Floating IP pattern, each one call, mapped to our own types.</summary>
    public static class FloatingIpReader
    {
        /// <summary>Where the address is now. An Elastic IP that does not exist is an error; a private IP nobody holds is not.</summary>
        /// <param name="vpcId">For a private IP: the VPC to look in (private addresses repeat across VPCs); null for any.</param>
        public static Task<FloatingIpAddress> ReadAsync(Ec2Session ec2, FloatingAddressSpec spec, string? vpcId, CancellationToken cancel)
            => spec.Kind == FloatingIpKind.ElasticIp ? ReadElasticIpAsync(ec2, spec, cancel) : ReadPrivateIpAsync(ec2, spec.PrivateIp!, vpcId, cancel);

        /// <summary>Every Elastic IP of the region (Get-FloatingIp without arguments).</summary>
        public static async Task<IReadOnlyList<FloatingIpAddress>> ListElasticIpsAsync(Ec2Session ec2, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeAddresses", "all", true,
                (c, ct) => c.DescribeAddressesAsync(new DescribeAddressesRequest(), ct), cancel).ConfigureAwait(false);
            return (answer.Addresses ?? new List<Address>()).Select(a => ToFloating(ec2.Region, a)).OrderBy(a => a.PublicIp, StringComparer.Ordinal).ToList();
        }

        private static async Task<FloatingIpAddress> ReadElasticIpAsync(Ec2Session ec2, FloatingAddressSpec spec, CancellationToken cancel)
        {
            var request = new DescribeAddressesRequest();
            if (spec.AllocationId != null) request.AllocationIds = new List<string> { spec.AllocationId };
            else request.PublicIps = new List<string> { spec.PublicIp! };
            var answer = await ec2.CallAsync("DescribeAddresses", spec.ToString(), true,
                (c, ct) => c.DescribeAddressesAsync(request, ct), cancel).ConfigureAwait(false);
            var address = (answer.Addresses ?? new List<Address>()).FirstOrDefault()
                ?? throw new PatternException("AwsCallFailed.InvalidAllocationID.NotFound", PatternErrorCategory.ObjectNotFound,
                    $"The {spec.Describe()} does not exist in {ec2.Region}.", "InvalidAllocationID.NotFound");
            if (spec.AllocationId != null && spec.PublicIp != null && address.PublicIp != spec.PublicIp)
                throw new PatternException("FloatingIpMismatch", PatternErrorCategory.InvalidArgument,
                    $"{spec.AllocationId} is the Elastic IP {address.PublicIp}, not {spec.PublicIp}; give one of -AllocationId and -PublicIp.");
            return ToFloating(ec2.Region, address);
        }

        private static async Task<FloatingIpAddress> ReadPrivateIpAsync(Ec2Session ec2, string privateIp, string? vpcId, CancellationToken cancel)
        {
            var filters = new List<Filter> { new Filter("addresses.private-ip-address", new List<string> { privateIp }) };
            if (vpcId != null) filters.Add(new Filter("vpc-id", new List<string> { vpcId }));
            var answer = await ec2.CallAsync("DescribeNetworkInterfaces", privateIp, true,
                (c, ct) => c.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = filters }, ct), cancel).ConfigureAwait(false);
            var holders = (answer.NetworkInterfaces ?? new List<NetworkInterface>()).Where(n => Addresses(n).Contains(privateIp)).ToList();
            if (holders.Count > 1)
                throw new PatternException("AmbiguousPrivateIp", PatternErrorCategory.InvalidArgument,
                    $"{privateIp} is held in several VPCs ({string.Join(", ", holders.Select(h => h.VpcId).Distinct())}); name the target so its VPC decides.");
            var holder = holders.FirstOrDefault();
            return new FloatingIpAddress
            {
                Region = ec2.Region, Kind = FloatingIpKind.SecondaryPrivateIp, PrivateIp = privateIp,
                HolderNetworkInterfaceId = holder?.NetworkInterfaceId,
                HolderInstanceId = EmptyToNull(holder?.Attachment?.InstanceId),
                SubnetId = holder?.SubnetId,
                VpcId = holder?.VpcId,
            };
        }

        /// <summary>The interface an address should go to: the named one, or the instance's primary interface (device index 0).</summary>
        public static async Task<InterfaceFacts> ReadTargetAsync(Ec2Session ec2, FloatingIpTarget target, CancellationToken cancel)
        {
            var request = new DescribeNetworkInterfacesRequest();
            if (target.NetworkInterfaceId != null) request.NetworkInterfaceIds = new List<string> { target.NetworkInterfaceId };
            else request.Filters = new List<Filter>
            {
                new Filter("attachment.instance-id", new List<string> { target.InstanceId! }),
                new Filter("attachment.device-index", new List<string> { "0" }),
            };
            var answer = await ec2.CallAsync("DescribeNetworkInterfaces", target.ToString(), true,
                (c, ct) => c.DescribeNetworkInterfacesAsync(request, ct), cancel).ConfigureAwait(false);
            var eni = (answer.NetworkInterfaces ?? new List<NetworkInterface>()).FirstOrDefault()
                ?? throw (target.NetworkInterfaceId != null
                    ? new PatternException("AwsCallFailed.InvalidNetworkInterfaceID.NotFound", PatternErrorCategory.ObjectNotFound,
                        $"The network interface '{target.NetworkInterfaceId}' does not exist in {ec2.Region}.", "InvalidNetworkInterfaceID.NotFound")
                    : new PatternException("AwsCallFailed.InvalidInstanceID.NotFound", PatternErrorCategory.ObjectNotFound,
                        $"The instance '{target.InstanceId}' has no network interface in {ec2.Region} (it does not exist, or is terminated).", "InvalidInstanceID.NotFound"));
            if (target.InstanceId != null && target.NetworkInterfaceId != null && eni.Attachment?.InstanceId != target.InstanceId)
                throw new PatternException("TargetMismatch", PatternErrorCategory.InvalidData,
                    $"{target.NetworkInterfaceId} is not attached to {target.InstanceId}.");
            return ToInterface(eni);
        }

        /// <summary>One interface by id, for the read-back of a private IP move.</summary>
        public static async Task<InterfaceFacts?> ReadInterfaceAsync(Ec2Session ec2, string networkInterfaceId, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeNetworkInterfaces", networkInterfaceId, true,
                (c, ct) => c.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = new List<string> { networkInterfaceId } }, ct),
                cancel).ConfigureAwait(false);
            var eni = (answer.NetworkInterfaces ?? new List<NetworkInterface>()).FirstOrDefault();
            return eni == null ? null : ToInterface(eni);
        }

        /// <summary>A subnet's IPv4 block (to check that an unheld private IP lies in the target's subnet).</summary>
        public static async Task<string> ReadSubnetCidrAsync(Ec2Session ec2, string subnetId, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("DescribeSubnets", subnetId, true,
                (c, ct) => c.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = new List<string> { subnetId } }, ct), cancel).ConfigureAwait(false);
            return (answer.Subnets ?? new List<Subnet>()).FirstOrDefault()?.CidrBlock
                ?? throw new PatternException("AwsCallFailed.InvalidSubnetID.NotFound", PatternErrorCategory.ObjectNotFound,
                    $"The subnet '{subnetId}' does not exist in {ec2.Region}.", "InvalidSubnetID.NotFound");
        }

        private static FloatingIpAddress ToFloating(string region, Address a) => new FloatingIpAddress
        {
            Region = region, Kind = FloatingIpKind.ElasticIp, AllocationId = a.AllocationId, PublicIp = a.PublicIp,
            PrivateIpAddress = EmptyToNull(a.PrivateIpAddress), AssociationId = EmptyToNull(a.AssociationId),
            HolderInstanceId = EmptyToNull(a.InstanceId), HolderNetworkInterfaceId = EmptyToNull(a.NetworkInterfaceId),
        };

        private static InterfaceFacts ToInterface(NetworkInterface eni) => new InterfaceFacts
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, InstanceId = EmptyToNull(eni.Attachment?.InstanceId),
            SubnetId = eni.SubnetId ?? "", VpcId = eni.VpcId ?? "", PrivateIpAddresses = Addresses(eni),
        };

        /// <summary>The interface's private addresses, primary first.</summary>
        private static List<string> Addresses(NetworkInterface eni)
            => (eni.PrivateIpAddresses ?? new List<NetworkInterfacePrivateIpAddress>())
                .OrderBy(p => p.Primary == true ? 0 : 1)
                .Select(p => p.PrivateIpAddress).Where(ip => !string.IsNullOrEmpty(ip)).ToList();

        private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
