using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>What a source of an ingress rule is: AWS keeps the four in different fields.</summary>
    public enum SourceKind { Ipv4Cidr, Ipv6Cidr, SecurityGroup, PrefixList }

    /// <summary>
    /// One ingress rule as AWS identifies it: protocol, port range and one source. The description is carried but is
    /// not part of the identity (two rules differing only in description are the same rule to AWS).
    /// </summary>
    public sealed class RuleSpec : IEquatable<RuleSpec>
    {
        public RuleSpec(string protocol, int? fromPort, int? toPort, SourceKind sourceKind, string source, string? description = null)
        {
            Protocol = protocol; FromPort = fromPort; ToPort = toPort; SourceKind = sourceKind; Source = source; Description = description;
        }

        public string Protocol { get; }
        public int? FromPort { get; }
        public int? ToPort { get; }
        public SourceKind SourceKind { get; }
        public string Source { get; }
        public string? Description { get; }

        public bool Equals(RuleSpec? other) => other != null && Protocol == other.Protocol && FromPort == other.FromPort
            && ToPort == other.ToPort && SourceKind == other.SourceKind && string.Equals(Source, other.Source, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as RuleSpec);

        public override int GetHashCode() => (Protocol, FromPort, ToPort, SourceKind, Source.ToLowerInvariant()).GetHashCode();

        public override string ToString()
        {
            var ports = Protocol == "-1" ? "all" : FromPort == ToPort ? $"{FromPort}" : $"{FromPort}-{ToPort}";
            return $"{(Protocol == "-1" ? "all" : Protocol)} {ports} from {Source}";
        }

        /// <summary>tcp, udp, icmp or -1 ("all"); AWS's numbers 6, 17 and 1 are accepted too.</summary>
        public static string NormalizeProtocol(string protocol) => protocol.Trim().ToLowerInvariant() switch
        {
            "tcp" or "6" => "tcp",
            "udp" or "17" => "udp",
            "icmp" or "1" => "icmp",
            "-1" or "all" => "-1",
            _ => throw new ArgumentException($"'{protocol}' is not a protocol (expected tcp, udp, icmp or all)."),
        };

        /// <summary>A port 0-65535 (1-65535 for tcp/udp in practice, but AWS allows 0).</summary>
        public static int RequirePort(int port)
        {
            if (port < 0 || port > 65535) throw new ArgumentException($"Port {port} is out of range (0-65535).");
            return port;
        }

        /// <summary>Tells a CIDR (v4 or v6), a security group id and a prefix list id apart; anything else is refused.</summary>
        public static (SourceKind Kind, string Value) ParseSource(string text)
        {
            var value = (text ?? "").Trim();
            if (value.StartsWith("sg-", StringComparison.Ordinal))
                return (SourceKind.SecurityGroup, ResourceId.Require(ResourceKind.SecurityGroup, value));
            if (value.StartsWith("pl-", StringComparison.Ordinal))
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(value, "^pl-([0-9a-f]{8}|[0-9a-f]{17})$")) return (SourceKind.PrefixList, value);
                throw new ArgumentException($"'{value}' is not a valid prefix list id (expected pl- followed by 8 or 17 hexadecimal characters).");
            }
            var cidr = Cidr.Parse(value);
            return (cidr.IsIpv6 ? SourceKind.Ipv6Cidr : SourceKind.Ipv4Cidr, cidr.Text);
        }
    }

    /// <summary>A CIDR block checked the way AWS does: an address of one family, a prefix length in range, no host bits set.</summary>
    public sealed class Cidr
    {
        private Cidr(string text, bool ipv6, int prefix) { Text = text; IsIpv6 = ipv6; PrefixLength = prefix; }

        public string Text { get; }
        public bool IsIpv6 { get; }
        public int PrefixLength { get; }
        /// <summary>0.0.0.0/0 or ::/0: anyone on the internet.</summary>
        public bool IsAnySource => PrefixLength == 0;

        public static Cidr Parse(string text)
        {
            var parts = (text ?? "").Trim().Split('/');
            if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
                throw new ArgumentException($"'{text}' is not a CIDR block (expected an address and a prefix length, e.g. 203.0.113.7/32 or 2001:db8::/64).");
            var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            if (!ipv6 && parts[0].Split('.').Length != 4)
                throw new ArgumentException($"'{text}' is not a CIDR block (an IPv4 address has four parts).");
            var bits = ipv6 ? 128 : 32;
            if (prefix > bits) throw new ArgumentException($"'{text}' is not a CIDR block (the prefix length is at most {bits}).");
            var bytes = address.GetAddressBytes();
            for (var bit = prefix; bit < bits; bit++)
                if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
                    throw new ArgumentException($"'{text}' has host bits set beyond /{prefix}: AWS would store a different block.");
            return new Cidr(address + "/" + prefix, ipv6, prefix);
        }
    }
}
