using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>
    /// The one source a bastion lets in: an address ("203.0.113.7", taken as /32) or a CIDR block, normalised to the
    /// form EC2 stores. Pure, so bad input is refused before any call.
    /// </summary>
    public sealed class SourceAddress
    {
        private SourceAddress(string cidr, int prefix, int maxPrefix, bool isIPv6)
        {
            Cidr = cidr; PrefixLength = prefix; MaxPrefixLength = maxPrefix; IsIPv6 = isIPv6;
        }

        public string Cidr { get; }
        public int PrefixLength { get; }
        public int MaxPrefixLength { get; }
        public bool IsIPv6 { get; }
        /// <summary>One host only (/32 or /128): what a bastion accepts without -AllowAnySource.</summary>
        public bool IsSingleAddress => PrefixLength == MaxPrefixLength;
        /// <summary>0.0.0.0/0 or ::/0.</summary>
        public bool IsAnySource => PrefixLength == 0;

        public static bool TryParse(string? text, out SourceAddress source, out string problem)
        {
            source = null!;
            problem = "";
            var value = (text ?? "").Trim();
            var slash = value.IndexOf('/');
            var addressText = slash < 0 ? value : value.Substring(0, slash);
            if (!IPAddress.TryParse(addressText, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Split('.').Length != 4))
            {
                problem = $"'{text}' is not an IP address or CIDR block (expected for example 203.0.113.7 or 203.0.113.7/32)";
                return false;
            }
            var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            var max = isIPv6 ? 128 : 32;
            var prefix = max;
            if (slash >= 0 && (!int.TryParse(value.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
            {
                problem = $"'{text}' has no valid prefix length (0 to {max} after the /)";
                return false;
            }
            var network = Network(address.GetAddressBytes(), prefix);
            source = new SourceAddress(new IPAddress(network).ToString() + "/" + prefix.ToString(CultureInfo.InvariantCulture), prefix, max, isIPv6);
            return true;
        }

        /// <summary>The block's network address: EC2 refuses a CIDR with host bits set, so they are cleared here.</summary>
        private static byte[] Network(byte[] bytes, int prefix)
        {
            for (var bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            return bytes;
        }

        public override string ToString() => Cidr;
    }
}
