using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>The record sets of one name and type, sorted into the roles the failover pattern knows.</summary>
    internal sealed class DnsRecords
    {
        public DnsRecords(string recordName, string type, IEnumerable<ResourceRecordSet> listed)
        {
            All = listed.Where(r => DnsName.Normalize(r.Name) == recordName && r.Type == type).ToList();
            Primary = All.FirstOrDefault(r => r.Failover == "PRIMARY");
            Secondary = All.FirstOrDefault(r => r.Failover == "SECONDARY");
            Simple = All.FirstOrDefault(r => r.SetIdentifier == null);
            Other = All.Where(r => r.SetIdentifier != null && r.Failover == null).ToList();
        }

        public IReadOnlyList<ResourceRecordSet> All { get; }
        public ResourceRecordSet? Primary { get; }
        public ResourceRecordSet? Secondary { get; }
        public ResourceRecordSet? Simple { get; }
        /// <summary>Weighted, latency, geolocation… records: another routing policy the pattern must not overwrite.</summary>
        public IReadOnlyList<ResourceRecordSet> Other { get; }

        /// <summary>One record's value(s) as one line: the alias target's name, or the values joined.</summary>
        public static string ValueOf(ResourceRecordSet record) =>
            record.AliasTarget != null ? DnsName.Normalize(record.AliasTarget.DNSName) : string.Join(",", record.ResourceRecords);

        /// <summary>Same answer: values (in any order), TTL, alias target, health check.</summary>
        public static bool SameContent(ResourceRecordSet a, ResourceRecordSet b) =>
            a.TTL == b.TTL && a.HealthCheckId == b.HealthCheckId && a.Failover == b.Failover &&
            a.ResourceRecords.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(b.ResourceRecords.OrderBy(v => v, StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase) &&
            SameAlias(a.AliasTarget, b.AliasTarget);

        private static bool SameAlias(AliasTarget? a, AliasTarget? b) =>
            a == null ? b == null : b != null && a.HostedZoneId == b.HostedZoneId &&
                                    DnsName.Normalize(a.DNSName) == DnsName.Normalize(b.DNSName) && a.EvaluateTargetHealth == b.EvaluateTargetHealth;
    }
}
