using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// Reads ingress rules from IpPermissions.N (IpProtocol, FromPort, ToPort, IpRanges.M.CidrIp, Groups.M.GroupId) or the
    /// legacy flat form (IpProtocol, FromPort, ToPort, CidrIp) and flattens them to one rule per source.
    /// </summary>
    internal static class PermissionParser
    {
        public static List<PermissionRule> Read(QueryParams p)
        {
            var rules = new List<PermissionRule>();
            foreach (var perm in p.Structs("IpPermissions"))
            {
                var (protocol, from, to) = Range(perm);
                foreach (var range in perm.Structs("IpRanges"))
                    rules.Add(new PermissionRule { Protocol = protocol, FromPort = from, ToPort = to, CidrIp = range.Required("CidrIp"), Description = range.Get("Description") });
                foreach (var group in perm.Structs("Groups"))
                    rules.Add(new PermissionRule { Protocol = protocol, FromPort = from, ToPort = to, SourceGroupId = group.Required("GroupId"), Description = group.Get("Description") });
            }
            if (p.Has("IpProtocol") || p.Has("CidrIp"))
            {
                var (protocol, from, to) = Range(p);
                if (p.Get("CidrIp") is string cidr) rules.Add(new PermissionRule { Protocol = protocol, FromPort = from, ToPort = to, CidrIp = cidr });
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

        private static string Normalize(string protocol) => protocol.ToLowerInvariant() switch
        {
            "6" => "tcp", "17" => "udp", "1" => "icmp", "all" => "-1", var other => other,
        };

        public static string Describe(PermissionRule r) =>
            $"peer: {r.CidrIp ?? r.SourceGroupId}, {r.Protocol.ToUpperInvariant()}, from port: {r.FromPort}, to port: {r.ToPort}, ALLOW";

        public static bool Contains(IEnumerable<PermissionRule> rules, PermissionRule rule) => rules.Any(r => r.SameRule(rule));
    }
}
