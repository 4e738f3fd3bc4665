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
    /// <summary>Elastic IPs (DescribeAddresses, AllocateAddress, AssociateAddress, DisassociateAddress).</summary>
    internal static class AddressHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeAddresses"] = DescribeAddresses;
            map["AllocateAddress"] = AllocateAddress;
            map["AssociateAddress"] = AssociateAddress;
            map["DisassociateAddress"] = DisassociateAddress;
            PrivateIpHandlers.Register(map);
        }

        private static readonly FilterSpec<AddressRecord> Spec = new FilterSpec<AddressRecord>
        {
            ["allocation-id"] = a => FilterSpec<AddressRecord>.One(a.Id),
            ["public-ip"] = a => FilterSpec<AddressRecord>.One(a.PublicIp),
            ["association-id"] = a => FilterSpec<AddressRecord>.One(a.AssociationId),
            ["instance-id"] = a => FilterSpec<AddressRecord>.One(a.InstanceId),
            ["network-interface-id"] = a => FilterSpec<AddressRecord>.One(a.NetworkInterfaceId),
            ["private-ip-address"] = a => FilterSpec<AddressRecord>.One(a.PrivateIpAddress),
            ["domain"] = a => FilterSpec<AddressRecord>.One("vpc"),
        };

        private static IEnumerable<object?> DescribeAddresses(Ec2Context ctx)
        {
            var addresses = Lookup.RequestedOrAll(IdKind.Allocation, ctx.Region.Addresses, ctx.P.List("AllocationId"));
            var ips = ctx.P.List("PublicIp");
            foreach (var ip in ips)
                if (addresses.All(a => a.PublicIp != ip))
                    throw new SandboxServiceException("InvalidAddress.NotFound", $"Address '{ip}' not found.");
            Ec2ActionPolicy.Describe(ctx.Auth);
            var chosen = ips.Count == 0 ? addresses : addresses.Where(a => ips.Contains(a.PublicIp)).ToList();
            yield return Set("addressesSet", ctx.Filters().Apply(chosen, Spec), a => NetworkXml.Address(a, ctx.Account));
        }

        private static IEnumerable<object?> AllocateAddress(Ec2Context ctx)
        {
            var tags = Tagging.ForResourceType(ctx.P, "elastic-ip", "elastic-ip");
            var id = ctx.Ids.New("eipalloc");
            Ec2ActionPolicy.AllocateAddress(ctx.Auth, id, tags);
            var ip = ctx.Ids.PublicIp();
            while (ctx.World.Regions.Any(r => r.Addresses.Values.Any(a => a.PublicIp == ip))) ip = ctx.Ids.PublicIp();
            var address = new AddressRecord(id) { PublicIp = ip };
            Tagging.Apply(address.Tags, tags);
            ctx.Region.Addresses[id] = address;
            yield return E("publicIp", ip);
            yield return E("domain", "vpc");
            yield return E("allocationId", id);
            yield return E("publicIpv4Pool", "amazon");
            yield return E("networkBorderGroup", ctx.Region.Name);
        }

        private static IEnumerable<object?> AssociateAddress(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var p = ctx.P;
            var address = FindAddress(ctx);
            InstanceRecord? instance = null;
            NetworkInterfaceRecord eni;
            if (p.Get("NetworkInterfaceId") is string eniId)
            {
                eni = IdKind.NetworkInterface.Find(ctx.Region.NetworkInterfaces, eniId);
                if (eni.AttachedInstanceId != null) instance = ctx.Region.Instances[eni.AttachedInstanceId];
            }
            else
            {
                instance = IdKind.Instance.Find(ctx.Region.Instances, p.Required("InstanceId"));
                eni = ctx.Region.PrimaryInterface(instance)
                    ?? throw new SandboxServiceException("IncorrectInstanceState", $"The instance '{instance.Id}' is not in a valid state for this operation.");
            }
            var privateIp = p.Get("PrivateIpAddress") ?? eni.PrivateIpAddresses[0];
            if (!eni.PrivateIpAddresses.Contains(privateIp))
                throw new SandboxServiceException("InvalidParameterValue", $"The private IP address {privateIp} is not assigned to network interface {eni.Id}.");
            // Without AllowReassociation AWS refuses both sides of a clash: this address held elsewhere, and the target
            // private address already holding another Elastic IP.
            var occupant = ctx.Region.Addresses.Values.FirstOrDefault(a => a != address && a.NetworkInterfaceId == eni.Id && a.PrivateIpAddress == privateIp);
            if (!p.Bool("AllowReassociation"))
            {
                if (address.AssociationId != null)
                    throw new SandboxServiceException("Resource.AlreadyAssociated",
                        $"resource {address.Id} is already associated with associate-id {address.AssociationId}");
                if (occupant != null)
                    throw new SandboxServiceException("Resource.AlreadyAssociated",
                        $"resource {eni.Id} is already associated with associate-id {occupant.AssociationId}");
            }
            Ec2ActionPolicy.AssociateAddress(ctx.Auth, address, instance, eni);

            // An interface address holds one Elastic IP: a previous one on the same private address is released.
            if (occupant != null) Clear(occupant);
            address.AssociationId = ctx.Ids.New("eipassoc");
            address.NetworkInterfaceId = eni.Id;
            address.InstanceId = eni.AttachedInstanceId;
            address.PrivateIpAddress = privateIp;
            yield return E("return", "true");
            yield return E("associationId", address.AssociationId);
        }

        private static IEnumerable<object?> DisassociateAddress(Ec2Context ctx)
        {
            AddressRecord address;
            if (ctx.P.Get("AssociationId") is string associationId)
            {
                IdKind.Association.CheckFormat(associationId);
                address = ctx.Region.Addresses.Values.FirstOrDefault(a => a.AssociationId == associationId)
                    ?? throw IdKind.Association.NotFound(associationId);
            }
            else
            {
                address = FindAddress(ctx);
                if (address.AssociationId == null)
                    throw new SandboxServiceException("InvalidAssociationID.NotFound", $"The address '{address.PublicIp}' is not associated.");
            }
            var eni = address.NetworkInterfaceId != null && ctx.Region.NetworkInterfaces.TryGetValue(address.NetworkInterfaceId, out var e) ? e : null;
            Ec2ActionPolicy.DisassociateAddress(ctx.Auth, address, eni);
            Clear(address);
            yield return E("return", "true");
        }

        private static AddressRecord FindAddress(Ec2Context ctx)
        {
            if (ctx.P.Get("AllocationId") is string allocationId) return IdKind.Allocation.Find(ctx.Region.Addresses, allocationId);
            var ip = ctx.P.Required("PublicIp");
            return ctx.Region.Addresses.Values.FirstOrDefault(a => a.PublicIp == ip)
                ?? throw new SandboxServiceException("InvalidAddress.NotFound", $"Address '{ip}' not found.");
        }

        public static void Clear(AddressRecord a)
        {
            a.AssociationId = null; a.InstanceId = null; a.NetworkInterfaceId = null; a.PrivateIpAddress = null;
        }
    }
}
