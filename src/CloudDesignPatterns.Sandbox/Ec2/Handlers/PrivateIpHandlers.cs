using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>Secondary private IPs: AssignPrivateIpAddresses (with AllowReassignment) and UnassignPrivateIpAddresses.</summary>
    internal static class PrivateIpHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["AssignPrivateIpAddresses"] = Assign;
            map["UnassignPrivateIpAddresses"] = Unassign;
        }

        private static IEnumerable<object?> Assign(Ec2Context ctx)
        {
            var r = ctx.Region;
            var eni = IdKind.NetworkInterface.Find(r.NetworkInterfaces, ctx.P.Required("NetworkInterfaceId"));
            var subnet = r.Subnets[eni.SubnetId];
            var requested = ctx.P.List("PrivateIpAddress").Where(ip => !eni.PrivateIpAddresses.Contains(ip)).Distinct().ToList();
            var count = ctx.P.Int("SecondaryPrivateIpAddressCount") ?? 0;
            if (requested.Count == 0 && count == 0 && ctx.P.List("PrivateIpAddress").Count == 0)
                throw new SandboxServiceException("MissingParameter", "Either privateIpAddress or secondaryPrivateIpAddressCount must be specified.");
            var allowReassignment = ctx.P.Bool("AllowReassignment");
            var holders = new Dictionary<string, NetworkInterfaceRecord>();
            foreach (var ip in requested)
            {
                if (!PrivateIpAllocator.InSubnet(subnet, ip))
                    throw new SandboxServiceException("InvalidParameterValue", $"Address {ip} does not fall within the subnet's address range");
                if (PrivateIpAllocator.IsReserved(subnet, ip))
                    throw new SandboxServiceException("InvalidParameterValue", $"Address {ip} is reserved by AWS in subnet {subnet.Id}");
                var holder = r.NetworkInterfaces.Values.FirstOrDefault(e => e.PrivateIpAddresses.Contains(ip));
                if (holder == null) continue;
                if (!allowReassignment || holder.PrivateIpAddresses[0] == ip)
                    throw new SandboxServiceException("InvalidIPAddress.InUse", $"Address {ip} is in use.");
                holders[ip] = holder;
            }
            Ec2ActionPolicy.PrivateIps(ctx.Auth, eni);

            foreach (var ip in requested)
            {
                if (holders.TryGetValue(ip, out var holder))
                {
                    holder.PrivateIpAddresses.Remove(ip);
                    // An Elastic IP on a reassigned private address follows it, as in AWS.
                    foreach (var a in r.Addresses.Values.Where(a => a.NetworkInterfaceId == holder.Id && a.PrivateIpAddress == ip))
                    {
                        a.NetworkInterfaceId = eni.Id; a.InstanceId = eni.AttachedInstanceId;
                    }
                }
                eni.PrivateIpAddresses.Add(ip);
            }
            var assigned = new List<string>(requested);
            for (var n = 0; n < count; n++)
            {
                var ip = PrivateIpAllocator.Next(r, subnet);
                eni.PrivateIpAddresses.Add(ip);
                assigned.Add(ip);
            }
            yield return E("networkInterfaceId", eni.Id);
            yield return Set("assignedPrivateIpAddressesSet", assigned, ip => new object?[] { E("privateIpAddress", ip) });
            yield return E("return", "true");
        }

        private static IEnumerable<object?> Unassign(Ec2Context ctx)
        {
            var r = ctx.Region;
            var eni = IdKind.NetworkInterface.Find(r.NetworkInterfaces, ctx.P.Required("NetworkInterfaceId"));
            var ips = ctx.P.List("PrivateIpAddress");
            if (ips.Count == 0) throw new SandboxServiceException("MissingParameter", "The request must contain the parameter privateIpAddress");
            if (ips.Any(ip => !eni.PrivateIpAddresses.Skip(1).Contains(ip)))
                throw new SandboxServiceException("InvalidParameterValue", $"Some of the specified addresses are not assigned to interface {eni.Id}");
            Ec2ActionPolicy.PrivateIps(ctx.Auth, eni);
            foreach (var ip in ips)
            {
                eni.PrivateIpAddresses.Remove(ip);
                foreach (var a in r.Addresses.Values.Where(a => a.NetworkInterfaceId == eni.Id && a.PrivateIpAddress == ip)) AddressHandlers.Clear(a);
            }
            yield return E("return", "true");
        }
    }
}
