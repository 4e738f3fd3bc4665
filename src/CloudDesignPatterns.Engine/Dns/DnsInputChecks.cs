using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// The checks made before any call (names, TTL, values for the record type, ids) and the ones that need the zone
    /// (inside it, no CNAME at its apex) made before any change. Each failure is an InvalidArgument with its own id.
    /// </summary>
    public static class DnsInputChecks
    {
        /// <summary>Route 53's TTL range.</summary>
        public const long MaxTtl = 2147483647;
        private static readonly Regex ZoneId = new Regex("^(/hostedzone/)?Z[A-Z0-9]{1,32}$", RegexOptions.CultureInvariant);
        private static readonly Regex HealthCheckId = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant);

        public static void CheckZoneSelector(HostedZoneSelector zone)
        {
            if (zone.Id != null && !ZoneId.IsMatch(zone.Id))
                throw Invalid("InvalidHostedZoneId", $"-HostedZoneId '{zone.Id}' is not a hosted zone id (Z followed by up to 32 capital letters and digits).");
            if (zone.Name != null && !DnsName.IsValid(DnsName.Normalize(zone.Name)))
                throw Invalid("InvalidZoneName", $"-ZoneName '{zone.Name}' is not a DNS name.");
            if (zone.VpcId != null && !Regex.IsMatch(zone.VpcId, "^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"))
                throw Invalid("InvalidVpcId", $"-VpcId '{zone.VpcId}' is not a VPC id (vpc- and 8 or 17 hex digits).");
        }

        public static string CheckRecordName(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw Invalid("RecordNameRequired", "-RecordName is required (on the instance, cdp:dns:record-name can supply it).");
            var normalized = DnsName.Normalize(name!);
            if (!DnsName.IsValid(normalized)) throw Invalid("InvalidRecordName", $"-RecordName '{name}' is not a DNS name.");
            return normalized;
        }

        public static void CheckTtl(long ttl)
        {
            if (ttl < 0 || ttl > MaxTtl) throw Invalid("InvalidTtl", $"-Ttl {ttl} is out of range: Route 53 takes 0 to {MaxTtl} seconds.");
        }

        public static void CheckHealthCheckId(string? id, string parameter)
        {
            if (id != null && !HealthCheckId.IsMatch(id))
                throw Invalid("InvalidHealthCheckId", $"-{parameter} '{id}' is not a Route 53 health check id (a lower-case UUID).");
        }

        /// <summary>A plain value must suit the type: IPv4 for A, IPv6 for AAAA, a DNS name for CNAME.</summary>
        public static void CheckValue(string type, DnsTarget target, string parameter)
        {
            if (target.IsAlias)
            {
                if (!ZoneId.IsMatch(target.AliasHostedZoneId!))
                    throw Invalid("InvalidAliasTarget", $"The alias target's hosted zone id '{target.AliasHostedZoneId}' is not a hosted zone id.");
                if (!DnsName.IsValid(target.Value)) throw Invalid("InvalidAliasTarget", $"The alias target '{target.Value}' is not a DNS name.");
                return;
            }
            var ok = type switch
            {
                "A" => IPAddress.TryParse(target.Value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && v4.ToString() == target.Value, // not 10.1, 0x7f.0.0.1 or 010.0.0.1 (octal)
                "AAAA" => IPAddress.TryParse(target.Value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
                _ => DnsName.IsValid(DnsName.Normalize(target.Value)),
            };
            if (!ok)
                throw Invalid("InvalidRecordValue", type == "CNAME"
                    ? $"-{parameter} '{target.Value}' is not a DNS name, which a CNAME record needs."
                    : $"-{parameter} '{target.Value}' is not an {(type == "A" ? "IPv4" : "IPv6")} address, which an {type} record needs.");
        }

        /// <summary>After the zone is known, before any change: the name lies in it, and a CNAME is not at its apex.</summary>
        internal static void CheckAgainstZone(string recordName, string type, HostedZone zone)
        {
            var zoneName = DnsName.Normalize(zone.Name);
            if (!DnsName.IsInZone(recordName, zoneName))
                throw Invalid("RecordNotInZone", $"{recordName} is not in the hosted zone {zoneName} ({zone.Id}): give a name that ends in {zoneName}");
            if (type == "CNAME" && recordName == zoneName)
                throw Invalid("CnameAtApex", $"A CNAME cannot be at the zone apex {zoneName} (DNS forbids it beside the zone's SOA and NS): use an A or AAAA record, or an alias.");
        }

        private static PatternException Invalid(string id, string message) => new PatternException(id, PatternErrorCategory.InvalidArgument, message);
    }
}
