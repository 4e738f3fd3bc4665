using System;
using System.Linq;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>Turns a plan and what was sent into the typed result, with the failover time the settings allow.</summary>
    internal static class DnsFailoverResults
    {
        public static DnsFailoverResult From(DnsFailoverPlan plan, ChangeInfo? change, bool healthCheckCreated, string region, long elapsedMs)
        {
            var request = plan.Request;
            var primary = plan.Desired.FirstOrDefault(r => r.Failover == "PRIMARY");
            var secondary = plan.Desired.FirstOrDefault(r => r.Failover == "SECONDARY");
            return new DnsFailoverResult
            {
                HostedZoneId = plan.Zone.Id,
                ZoneName = DnsName.Normalize(plan.Zone.Name),
                PrivateZone = plan.Zone.PrivateZone,
                RecordName = request.RecordName,
                Type = request.Type,
                Mode = plan.IsSwitch ? DnsFailoverMode.Switch : DnsFailoverMode.FailoverPair,
                Ttl = request.Ttl,
                Primary = Value(request, request.Primary),
                Secondary = Value(request, request.Secondary),
                SecondaryAliasHostedZoneId = request.Secondary.AliasHostedZoneId,
                PrimaryHealthCheckId = primary?.HealthCheckId,
                SecondaryHealthCheckId = secondary?.HealthCheckId,
                HealthCheckCreated = healthCheckCreated,
                ActiveSide = request.SwitchTo,
                Changes = plan.DescribeChanges().ToArray(),
                ChangeId = change?.Id,
                Status = change?.Status ?? "Unchanged",
                ExpectedFailoverTime = ExpectedFailoverTime(plan),
                Region = region,
                ElapsedMilliseconds = elapsedMs,
            };
        }

        /// <summary>
        /// A pair: the health check's detection (interval × failure threshold) plus the TTL resolvers cache the old answer.
        /// A switch: the TTL alone, counted from the change being INSYNC.
        /// </summary>
        public static TimeSpan ExpectedFailoverTime(DnsFailoverPlan plan)
        {
            var detection = !plan.IsSwitch && plan.PrimaryHealthCheck != null ? HealthCheckSpec.DetectionSeconds(plan.PrimaryHealthCheck) : 0;
            return TimeSpan.FromSeconds(detection + plan.Request.Ttl);
        }

        private static string Value(DnsFailoverRequest request, DnsTarget target) =>
            request.Type == "CNAME" || target.IsAlias ? DnsName.Normalize(target.Value) : target.Value;
    }
}
