using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>What a DNS failover command starts from: the zone, the name's records, and the primary's health check.</summary>
    internal sealed class DnsFacts
    {
        public DnsFacts(HostedZone zone, DnsRecords records, HealthCheck? primaryHealthCheck)
        {
            Zone = zone; Records = records; PrimaryHealthCheck = primaryHealthCheck;
        }

        public HostedZone Zone { get; }
        public DnsRecords Records { get; }
        /// <summary>The health check named by -HealthCheckId, or the one the existing primary carries; null when there is none.</summary>
        public HealthCheck? PrimaryHealthCheck { get; }
    }

    /// <summary>
    /// The read phase, its independent calls sent together: with -HostedZoneId the zone, the name's records and the named
    /// health check in one round trip; -ZoneName looks the zone up first. Nothing here changes anything.
    /// </summary>
    internal static class DnsFactsReader
    {
        public static async Task<DnsFacts> ReadAsync(Route53Session route53, HostedZoneSelector selector, string recordName, string type,
            string? healthCheckId, CancellationToken cancel)
        {
            var zoneTask = HostedZoneResolver.ResolveAsync(route53, selector, cancel);
            var healthCheckTask = healthCheckId == null ? Task.FromResult<HealthCheck?>(null) : GetHealthCheckAsync(route53, healthCheckId, cancel);
            var zoneId = selector.Id != null ? selector.Id.Substring(selector.Id.LastIndexOf('/') + 1) : (await zoneTask.ConfigureAwait(false)).Id;
            var recordsTask = route53.ListRecordSetsAsync(zoneId, recordName, r => DnsName.Normalize(r.Name) == recordName, cancel);
            await Task.WhenAll(zoneTask, healthCheckTask, recordsTask).ConfigureAwait(false);

            var zone = zoneTask.Result;
            DnsInputChecks.CheckAgainstZone(recordName, type, zone);
            var records = new DnsRecords(recordName, type, recordsTask.Result);
            var healthCheck = healthCheckTask.Result;
            if (healthCheck == null && healthCheckId == null && records.Primary?.HealthCheckId != null)
                healthCheck = await GetHealthCheckAsync(route53, records.Primary.HealthCheckId, cancel).ConfigureAwait(false);
            return new DnsFacts(zone, records, healthCheck);
        }

        private static async Task<HealthCheck?> GetHealthCheckAsync(Route53Session route53, string id, CancellationToken cancel) =>
            await route53.CallAsync("GetHealthCheck", id, true, (c, ct) => c.GetHealthCheckAsync(id, ct), cancel).ConfigureAwait(false);
    }
}
