using System.Collections.Generic;
using System.Linq;
using System.Net;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// Reads ingress rules from IpPermissions.N (IpProtocol, FromPort, ToPort, IpRanges.M.CidrIp, Ipv6Ranges.M.CidrIpv6,
    /// PrefixListIds.M.PrefixListId, Groups.M.GroupId, each with a Description) or the legacy flat form (IpProtocol,
    /// FromPort, ToPort, CidrIp) and flattens them to one rule per source. A CIDR that does not parse is refused as AWS does.
    /// </summary>
    internal static class PermissionParser
    {
        public static List<PermissionRule> Read(QueryParams p)
        {
            var rules = new List<PermissionRule>();
            foreach (var perm in p.Structs("IpPermissions"))
            {
                var (protocol, from, to) = Range(perm);
                PermissionRule Rule(QueryParams source) => new PermissionRule
                    { Protocol = protocol, FromPort = from, ToPort = to, Description = source.Get("Description") };
                foreach (var range in perm.Structs("IpRanges"))
                {
                    var rule = Rule(range);
                    rule.CidrIp = Cidr(range.Required("CidrIp"), ipv6: false);
                    rules.Add(rule);
                }
                foreach (var range in perm.Structs("Ipv6Ranges"))
                {
                    var rule = Rule(range);
                    rule.CidrIpv6 = Cidr(range.Required("CidrIpv6"), ipv6: true);
                    rules.Add(rule);
                }
                foreach (var list in perm.Structs("PrefixListIds"))
                {
                    var rule = Rule(list);
                    rule.PrefixListId = list.Required("PrefixListId");
                    rules.Add(rule);
                }
                foreach (var group in perm.Structs("Groups"))
                {
                    var rule = Rule(group);
                    rule.SourceGroupId = group.Required("GroupId");
                    rules.Add(rule);
                }
            }
            if (p.Has("IpProtocol") || p.Has("CidrIp"))
            {
                var (protocol, from, to) = Range(p);
                if (p.Get("CidrIp") is string cidr)
                    rules.Add(new PermissionRule { Protocol = protocol, FromPort = from, ToPort = to, CidrIp = Cidr(cidr, ipv6: false) });
            }
            if (rules.Count == 0)
                throw new SandboxServiceException("MissingParameter", "No ip permissions (IpRanges or Groups) were specified.");
            return rules;
        }

        private static (string, int?, int?) Range(QueryParams p)
        {
            var protocol = Normalize(p.Get("IpProtocol") ?? "-1");
            if (protocol == "-1") return (protocol, null, null);
            var from = p.Int("FromPort");
            var to = p.Int("ToPort");
            if (protocol != "icmp" && (from == null || to == null || from > to || from < 0 || to > 65535))
                throw new SandboxServiceException("InvalidParameterValue", $"Invalid port range {from}-{to} for protocol {protocol}.");
            return (protocol, from, to);
        }

        /// <summary>An address/prefix of the right family, as AWS's InvalidParameterValue for "CIDR block … is malformed".</summary>
        private static string Cidr(string text, bool ipv6)
        {
            var parts = text.Split('/');
            var family = ipv6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork;
            if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != family
                || !int.TryParse(parts[1], out var prefix) || prefix < 0 || prefix > (ipv6 ? 128 : 32))
                throw new SandboxServiceException("InvalidParameterValue", $"CIDR block {text} is malformed");
            return text;
        }

        private static string Normalize(string protocol) => protocol.ToLowerInvariant() switch
        {
            "6" => "tcp", "17" => "udp", "1" => "icmp", "all" => "-1", var other => other,
        };

        public static string Describe(PermissionRule r) =>
            $"peer: {r.CidrIp ?? r.CidrIpv6 ?? r.PrefixListId ?? r.SourceGroupId}, {r.Protocol.ToUpperInvariant()}, from port: {r.FromPort}, to port: {r.ToPort}, ALLOW";

        public static bool Contains(IEnumerable<PermissionRule> rules, PermissionRule rule) => rules.Any(r => r.SameRule(rule));
    }
}
