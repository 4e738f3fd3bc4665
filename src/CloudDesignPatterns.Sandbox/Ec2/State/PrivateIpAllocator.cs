using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>Picks free private addresses in a subnet (skipping the 4 addresses AWS reserves at the start).</summary>
    internal static class PrivateIpAllocator
    {
        public static string Next(RegionState r, SubnetRecord subnet)
        {
            var parts = subnet.CidrBlock.Split('/');
            var octets = parts[0].Split('.').Select(int.Parse).ToArray();
            var prefix = int.Parse(parts[1]);
            var hosts = 1 << (32 - prefix);
            for (var n = 4; n < hosts - 1; n++)
            {
                var candidate = Add(octets, n);
                if (!InUse(r, candidate)) return candidate;
            }
            throw new SandboxServiceException("InsufficientFreeAddressesInSubnet", $"There are not enough free addresses in subnet '{subnet.Id}' to satisfy the requested number of instances.");
        }

        public static bool InUse(RegionState r, string ip) => r.NetworkInterfaces.Values.Any(e => e.PrivateIpAddresses.Contains(ip));

        public static bool InSubnet(SubnetRecord subnet, string ip)
        {
            var parts = subnet.CidrBlock.Split('/');
            var mask = uint.MaxValue << (32 - int.Parse(parts[1]));
            // A malformed address is simply not in the subnet (AWS answers InvalidParameterValue either way).
            if (!System.Net.IPAddress.TryParse(ip, out var parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || ip.Split('.').Length != 4)
                return false;
            return (ToUint(ip) & mask) == (ToUint(parts[0]) & mask);
        }

        /// <summary>The first four addresses and the last of a subnet belong to AWS (network, router, DNS, future use, broadcast).</summary>
        public static bool IsReserved(SubnetRecord subnet, string ip)
        {
            var parts = subnet.CidrBlock.Split('/');
            var offset = ToUint(ip) - ToUint(parts[0]);
            return offset < 4 || offset == (1u << (32 - int.Parse(parts[1]))) - 1;
        }

        private static uint ToUint(string ip) =>
            ip.Split('.').Select(uint.Parse).Aggregate(0u, (acc, o) => (acc << 8) | o);

        private static string Add(int[] octets, int n)
        {
            var value = ((uint)octets[0] << 24 | (uint)octets[1] << 16 | (uint)octets[2] << 8 | (uint)octets[3]) + (uint)n;
            return $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
        }
    }
}
