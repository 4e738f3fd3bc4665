using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// Get-Route53Failover: the name's records, each side's health as Route 53's checkers see it (status calls sent
    /// together), and the side Route 53 answers with by its failover rules. Read-only.
    /// </summary>
    public static class DnsFailoverStatusReader
    {
        /// <summary>Route 53 counts a check healthy while more than 18% of its checkers report success.</summary>
        public const double HealthyShare = 0.18;

        public static async Task<DnsFailoverStatus> ReadAsync(Route53Session route53, HostedZoneSelector selector, string recordName, string type, CancellationToken cancel)
        {
            var zone = await HostedZoneResolver.ResolveAsync(route53, selector, cancel).ConfigureAwait(false);
            DnsInputChecks.CheckAgainstZone(recordName, type, zone);
            var listed = await route53.ListRecordSetsAsync(zone.Id, recordName, r => DnsName.Normalize(r.Name) == recordName, cancel).ConfigureAwait(false);
            var records = new DnsRecords(recordName, type, listed);
            var status = new DnsFailoverStatus
            {
                HostedZoneId = zone.Id, ZoneName = DnsName.Normalize(zone.Name), RecordName = recordName, Type = type, Region = route53.Region,
            };

            if (records.Primary != null || records.Secondary != null)
            {
                status.Mode = DnsFailoverMode.FailoverPair;
                var sides = await Task.WhenAll(new[] { records.Primary, records.Secondary }.Select(r => SideAsync(route53, r, cancel))).ConfigureAwait(false);
                status.Primary = sides[0];
                status.Secondary = sides[1];
                status.Ttl = (records.Primary ?? records.Secondary)!.TTL;
                var answer = Answer(status.Primary, status.Secondary);
                status.Answering = answer == null ? "None" : answer == status.Primary ? "Primary" : "Secondary";
                status.AnswerValue = answer?.Value ?? "";
            }
            else if (records.Simple != null)
            {
                status.Mode = DnsFailoverMode.Switch;
                status.Primary = await SideAsync(route53, records.Simple, cancel).ConfigureAwait(false);
                status.Ttl = records.Simple.TTL;
                status.Answering = "Simple";
                status.AnswerValue = status.Primary!.Value;
            }
            return status;
        }

        /// <summary>
        /// Route 53's failover rule: the primary while it is healthy (a side without a health check counts as healthy);
        /// otherwise the secondary if it is healthy; when both are unhealthy, the primary.
        /// </summary>
        internal static DnsFailoverSide? Answer(DnsFailoverSide? primary, DnsFailoverSide? secondary)
        {
            if (primary != null && primary.Health != DnsSideHealth.Unhealthy) return primary;
            if (secondary != null && secondary.Health != DnsSideHealth.Unhealthy) return secondary;
            return primary ?? secondary;
        }

        private static async Task<DnsFailoverSide?> SideAsync(Route53Session route53, ResourceRecordSet? record, CancellationToken cancel)
        {
            if (record == null) return null;
            var side = new DnsFailoverSide
            {
                Role = record.Failover ?? "SIMPLE", SetIdentifier = record.SetIdentifier, Value = DnsRecords.ValueOf(record),
                AliasHostedZoneId = record.AliasTarget?.HostedZoneId, HealthCheckId = record.HealthCheckId,
                Health = DnsSideHealth.NotChecked, HealthDetail = "no health check: Route 53 treats it as healthy",
            };
            if (record.HealthCheckId == null) return side;
            var id = record.HealthCheckId;
            var observations = await route53.CallAsync("GetHealthCheckStatus", id, true, (c, ct) => c.GetHealthCheckStatusAsync(id, ct), cancel).ConfigureAwait(false);
            var healthy = observations.Count(o => o.Status.StartsWith("Success", StringComparison.Ordinal));
            side.Health = observations.Count > 0 && healthy > HealthyShare * observations.Count ? DnsSideHealth.Healthy : DnsSideHealth.Unhealthy;
            side.HealthDetail = $"{healthy} of {observations.Count} checkers report success";
            return side;
        }
    }
}
