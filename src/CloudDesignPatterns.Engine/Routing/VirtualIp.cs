using System;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration.Types;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>
    /// A virtual IP: one IPv4 address, routed as a /32. Parsed with the same strict rules as the cdp:routing:virtual-ip
    /// setting, so "10.1" or "010.0.0.1" never route somewhere unexpected, and any prefix but /32 is refused.
    /// </summary>
    public sealed class VirtualIp
    {
        private static readonly IPv4AddressType Shape = new IPv4AddressType();

        private VirtualIp(string address)
        {
            Address = address;
            Value = address.Split('.').Select(o => uint.Parse(o, CultureInfo.InvariantCulture)).Aggregate(0u, (acc, o) => (acc << 8) | o);
        }

        /// <summary>Dotted quad, without the prefix.</summary>
        public string Address { get; }
        /// <summary>The route's destination: the address as a /32.</summary>
        public string Cidr => Address + "/32";
        internal uint Value { get; }

        public static bool TryParse(string? text, out VirtualIp? vip)
        {
            vip = null;
            if (text == null || !Shape.TryParse(text.Trim(), out var parsed) || !(parsed is string address)) return false;
            vip = new VirtualIp(address);
            return true;
        }

        /// <exception cref="PatternException">InvalidVirtualIp (InvalidArgument) when the text is not an IPv4 address or /32.</exception>
        public static VirtualIp Parse(string? text, string parameterName = "VirtualIp")
            => TryParse(text, out var vip) ? vip! : throw new PatternException("InvalidVirtualIp", PatternErrorCategory.InvalidArgument,
                $"-{parameterName} '{text}' is not a virtual IP: give one IPv4 address such as 100.64.0.10 (optionally with /32).");

        public override string ToString() => Address;
    }

    /// <summary>An IPv4 CIDR block (a VPC's), for the check that the virtual IP lies outside it.</summary>
    public sealed class Ipv4Block
    {
        private Ipv4Block(string text, uint network, int prefix) { Text = text; Network = network; Prefix = prefix; }

        public string Text { get; }
        private uint Network { get; }
        private int Prefix { get; }

        public static bool TryParse(string? text, out Ipv4Block? block)
        {
            block = null;
            var parts = (text ?? "").Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32) return false;
            var octets = parts[0].Split('.');
            if (octets.Length != 4) return false;
            uint network = 0;
            foreach (var octet in octets)
            {
                if (!uint.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 255) return false;
                network = (network << 8) | n;
            }
            block = new Ipv4Block(text!, network, prefix);
            return true;
        }

        public bool Contains(VirtualIp vip)
        {
            var mask = Prefix == 0 ? 0u : uint.MaxValue << (32 - Prefix);
            return (vip.Value & mask) == (Network & mask);
        }

        public override string ToString() => Text;
    }
}
