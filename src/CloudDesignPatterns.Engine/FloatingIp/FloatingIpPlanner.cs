using System;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>
    /// Pure: decides a move from what the describes found, and refuses what AWS cannot do (a secondary private IP across
    /// subnets, a primary address, a private address the target does not have) before any change is sent.
    /// </summary>
    public static class FloatingIpPlanner
    {
        /// <param name="targetSubnetCidr">The target subnet's block; needed only for a private IP that nobody holds.</param>
        public static FloatingIpPlan Plan(string region, FloatingAddressSpec address, FloatingIpAddress current, InterfaceFacts target,
            FloatingIpTarget request, string? targetSubnetCidr)
        {
            var plan = new FloatingIpPlan { Region = region, Address = address, Current = current, Target = target, WaitForMetadata = request.IsSelf };
            if (address.Kind == FloatingIpKind.ElasticIp)
            {
                var privateIp = request.ToPrivateIp ?? target.PrimaryPrivateIp;
                if (!target.PrivateIpAddresses.Contains(privateIp))
                    throw new PatternException("PrivateIpNotOnTarget", PatternErrorCategory.InvalidArgument,
                        $"-ToPrivateIp {privateIp} is not an address of {target.Describe()} (it has {string.Join(", ", target.PrivateIpAddresses)}).");
                plan.TargetPrivateIp = privateIp;
                plan.AlreadyCurrent = current.HolderNetworkInterfaceId == target.NetworkInterfaceId && current.PrivateIpAddress == privateIp;
                return plan;
            }

            var ip = address.PrivateIp!;
            if (request.ToPrivateIp != null)
                throw new PatternException("ToPrivateIpNotApplicable", PatternErrorCategory.InvalidArgument,
                    "-ToPrivateIp picks the private address an Elastic IP maps to; a secondary private IP (-PrivateIp) is itself the address.");
            plan.TargetPrivateIp = ip;
            if (target.PrimaryPrivateIp == ip)
            {
                plan.AlreadyCurrent = true; // its own primary address: nothing to move, and nothing AWS could move
                return plan;
            }
            if (current.HolderNetworkInterfaceId != null && current.HolderNetworkInterfaceId != target.NetworkInterfaceId)
            {
                if (current.SubnetId != target.SubnetId)
                    throw new PatternException("CrossSubnetPrivateIp", PatternErrorCategory.InvalidOperation,
                        $"{ip} belongs to subnet {current.SubnetId} ({InterfaceFacts.Describe(current.HolderNetworkInterfaceId, current.HolderInstanceId)}), but " +
                        $"{target.Describe()} is in subnet {target.SubnetId}. A secondary private IP can only move within its subnet; across subnets " +
                        "(or Availability Zones) use an Elastic IP (-AllocationId) or routing-based HA (Set-RoutingFailover) instead.");
            }
            if (current.HolderNetworkInterfaceId == null && targetSubnetCidr != null && !InCidr(ip, targetSubnetCidr))
                throw new PatternException("PrivateIpOutsideSubnet", PatternErrorCategory.InvalidArgument,
                    $"{ip} is not in subnet {target.SubnetId} ({targetSubnetCidr}) of {target.Describe()}; a secondary private IP must lie in its interface's subnet.");
            plan.AlreadyCurrent = current.HolderNetworkInterfaceId == target.NetworkInterfaceId;
            return plan;
        }

        /// <summary>The ShouldProcess action text.</summary>
        public static string Describe(FloatingIpPlan plan)
        {
            var from = InterfaceFacts.Describe(plan.Current.HolderNetworkInterfaceId, plan.Current.HolderInstanceId);
            var to = plan.Address.Kind == FloatingIpKind.ElasticIp ? $"{plan.Target.Describe()} at {plan.TargetPrivateIp}" : plan.Target.Describe();
            return $"Move {Name(plan)} from {from} to {to}";
        }

        public static string Name(FloatingIpPlan plan) => plan.Address.Kind == FloatingIpKind.ElasticIp
            ? $"Elastic IP {plan.Current.PublicIp} ({plan.Current.AllocationId})"
            : $"secondary private IP {plan.Address.PrivateIp}";

        public static bool InCidr(string ip, string cidr)
        {
            var parts = cidr.Split('/');
            var bits = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
            var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
            return (ToUint(ip) & mask) == (ToUint(parts[0]) & mask);
        }

        private static uint ToUint(string ip) => ip.Split('.').Select(o => uint.Parse(o, System.Globalization.CultureInfo.InvariantCulture)).Aggregate(0u, (acc, o) => (acc << 8) | o);
    }
}
