using System;
using CloudDesignPatterns.Engine.Configuration.Types;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>Which floating address a command is about: one Elastic IP (by allocation id or public IP) or one secondary private IP.</summary>
    public sealed class FloatingAddressSpec
    {
        private FloatingAddressSpec(FloatingIpKind kind, string? allocationId, string? publicIp, string? privateIp)
        {
            Kind = kind; AllocationId = allocationId; PublicIp = publicIp; PrivateIp = privateIp;
        }

        public FloatingIpKind Kind { get; }
        public string? AllocationId { get; }
        public string? PublicIp { get; }
        public string? PrivateIp { get; }

        /// <summary>
        /// The address from -AllocationId / -PublicIp / -PrivateIp (or their cdp:floating-ip:* settings). Exactly one
        /// kind: an Elastic IP (allocation id and/or public IP) or a secondary private IP. Checked for form only.
        /// </summary>
        /// <exception cref="PatternException">None, both kinds, or a malformed value (InvalidArgument).</exception>
        public static FloatingAddressSpec From(string? allocationId, string? publicIp, string? privateIp)
        {
            if (allocationId != null && !ResourceId.IsValid(ResourceKind.ElasticIpAllocation, allocationId))
                throw Invalid("InvalidAllocationId", $"-AllocationId '{allocationId}' is not an Elastic IP allocation id: expected {ResourceId.ExpectedForm(ResourceKind.ElasticIpAllocation)}.");
            if (publicIp != null && !IsIPv4(publicIp))
                throw Invalid("InvalidPublicIp", $"-PublicIp '{publicIp}' is not an IPv4 address such as 203.0.113.10.");
            if (privateIp != null && !IsIPv4(privateIp))
                throw Invalid("InvalidPrivateIp", $"-PrivateIp '{privateIp}' is not an IPv4 address such as 10.0.1.50.");
            var elastic = allocationId != null || publicIp != null;
            if (elastic && privateIp != null)
                throw Invalid("AmbiguousFloatingIp",
                    "Give an Elastic IP (-AllocationId or -PublicIp) or a secondary private IP (-PrivateIp), not both; -ToPrivateIp picks the private address an Elastic IP maps to.");
            if (!elastic && privateIp == null)
                throw Invalid("FloatingIpRequired",
                    "No address to move: pass -AllocationId, -PublicIp or -PrivateIp, or set cdp:floating-ip:allocation-id, cdp:floating-ip:public-ip or cdp:floating-ip:private-ip on the instance (-Self).");
            return elastic
                ? new FloatingAddressSpec(FloatingIpKind.ElasticIp, allocationId, publicIp, null)
                : new FloatingAddressSpec(FloatingIpKind.SecondaryPrivateIp, null, null, privateIp!.Split('/')[0]);
        }

        public static bool IsIPv4(string value) => SettingTypes.IPv4Address.TryParse(value, out _);

        public string Describe() => Kind == FloatingIpKind.ElasticIp
            ? "Elastic IP " + (PublicIp != null && AllocationId != null ? $"{PublicIp} ({AllocationId})" : PublicIp ?? AllocationId)
            : "secondary private IP " + PrivateIp;

        public override string ToString() => AllocationId ?? PublicIp ?? PrivateIp ?? "";

        private static PatternException Invalid(string id, string message) => new PatternException(id, PatternErrorCategory.InvalidArgument, message);
    }

    /// <summary>Where an address should go, as the user named it.</summary>
    public sealed class FloatingIpTarget
    {
        public FloatingIpTarget(string? instanceId, string? networkInterfaceId, string? toPrivateIp, bool self)
        {
            if (instanceId == null && networkInterfaceId == null) throw new ArgumentException("An instance or an interface is required.");
            InstanceId = instanceId; NetworkInterfaceId = networkInterfaceId; ToPrivateIp = toPrivateIp; IsSelf = self;
        }

        public string? InstanceId { get; }
        /// <summary>Known up front for -NetworkInterfaceId and -Self (instance metadata lists the primary interface first).</summary>
        public string? NetworkInterfaceId { get; }
        /// <summary>Elastic IP only: which private address of the target interface it maps to (default: the primary).</summary>
        public string? ToPrivateIp { get; }
        /// <summary>The command runs on the target: after the move, wait until instance metadata shows the address.</summary>
        public bool IsSelf { get; }

        public override string ToString() => NetworkInterfaceId ?? InstanceId ?? "";
    }
}
