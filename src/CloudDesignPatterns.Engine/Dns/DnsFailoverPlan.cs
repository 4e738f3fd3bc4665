using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// What Set-Route53Failover will send, worked out from what exists: the records to delete (a simple record a pair
    /// replaces, or the pair a switch replaces), the records to upsert (only those that differ), and a health check to
    /// create. No changes means nothing is sent.
    /// </summary>
    public sealed class DnsFailoverPlan
    {
        internal DnsFailoverPlan(DnsFailoverRequest request, DnsFacts facts)
        {
            Request = request;
            Facts = facts;
        }

        public DnsFailoverRequest Request { get; }
        internal DnsFacts Facts { get; }
        internal HostedZone Zone => Facts.Zone;
        public string ZoneId => Zone.Id;
        public string ZoneName => DnsName.Normalize(Zone.Name);
        /// <summary>Every record the name should have afterwards (what the read-back verifies).</summary>
        internal List<ResourceRecordSet> Desired { get; } = new List<ResourceRecordSet>();
        internal List<ResourceRecordSet> Deletes { get; } = new List<ResourceRecordSet>();
        internal List<ResourceRecordSet> Upserts { get; } = new List<ResourceRecordSet>();
        /// <summary>The primary's health check to create first; its id then goes into the PRIMARY record.</summary>
        internal HealthCheckConfig? HealthCheckToCreate { get; set; }
        /// <summary>The same on every run for the same settings, so Route 53 answers a retried create with the existing check.</summary>
        internal string CallerReference { get; set; } = "";
        /// <summary>The primary's health check settings (given, reused or to create); null when no health check guards it.</summary>
        internal HealthCheckConfig? PrimaryHealthCheck { get; set; }

        public bool IsSwitch => Request.SwitchTo != null;
        public bool HasChanges => Deletes.Count > 0 || Upserts.Count > 0 || HealthCheckToCreate != null;

        /// <summary>The change batch, deletes first (Route 53 applies a batch in order, all or nothing).</summary>
        internal List<Change> Changes() =>
            Deletes.Select(r => new Change("DELETE", r)).Concat(Upserts.Select(r => new Change("UPSERT", r))).ToList();

        /// <summary>
        /// The seed's lesson, said where it applies: DNS failover is only as fast as the TTL lets it be, and a pair
        /// without a health check never fails over.
        /// </summary>
        public IEnumerable<string> Warnings()
        {
            if (Request.Ttl > 60)
                yield return $"TTL {Request.Ttl} s: resolvers may keep answering with the failed side for {TimeSpan.FromSeconds(Request.Ttl)} after a failover. " +
                             "Lower -Ttl to 60 s or less for a failover within about a minute.";
            if (!IsSwitch && PrimaryHealthCheck == null && Request.PrimaryHealthCheckId == null)
                yield return $"No health check guards the primary of {Request.RecordName}: Route 53 treats it as always healthy and never " +
                             "fails over. Give -HealthCheck or -HealthCheckId, or use -SwitchTo where no checker can reach the endpoints.";
        }

        /// <summary>One line per change, for -WhatIf, -Confirm and the result.</summary>
        public IEnumerable<string> DescribeChanges()
        {
            if (HealthCheckToCreate != null) yield return "CREATE health check " + DescribeHealthCheck(HealthCheckToCreate);
            foreach (var change in Changes()) yield return Describe(change.Action, change.ResourceRecordSet);
        }

        internal static string Describe(string action, ResourceRecordSet r)
        {
            var role = r.Failover ?? "SIMPLE";
            var value = r.AliasTarget != null ? $"alias {r.AliasTarget.DNSName} ({r.AliasTarget.HostedZoneId})" : string.Join(",", r.ResourceRecords);
            var ttl = r.TTL != null ? $" ttl {r.TTL}" : "";
            var check = r.HealthCheckId != null ? $" health check {r.HealthCheckId}" : "";
            return $"{action} {role} {r.Name} {r.Type} {value}{ttl}{check}";
        }

        internal static string DescribeHealthCheck(HealthCheckConfig c) =>
            $"{c.Type} {c.IPAddress ?? c.FullyQualifiedDomainName}:{c.Port}{c.ResourcePath} every {c.RequestInterval} s, unhealthy after {c.FailureThreshold} failures";
    }
}
