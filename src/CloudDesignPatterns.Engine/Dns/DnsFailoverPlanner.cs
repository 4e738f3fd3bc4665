using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// Plans one Set-Route53Failover from its facts. A pair keeps the set identifiers it already has; a simple record
    /// at the name is replaced by the pair in the same batch (and a pair by the simple record of a switch), so the
    /// name never goes unanswered. Records of another routing policy are never overwritten.
    /// </summary>
    public static class DnsFailoverPlanner
    {
        internal const string PrimaryIdentifier = "primary";
        internal const string SecondaryIdentifier = "secondary";

        /// <summary>The read phase (<see cref="DnsFactsReader"/>) and the plan: what -WhatIf prints. Changes nothing.</summary>
        public static async System.Threading.Tasks.Task<DnsFailoverPlan> PlanAsync(Route53Session route53, DnsFailoverRequest request, System.Threading.CancellationToken cancel)
        {
            var facts = await DnsFactsReader.ReadAsync(route53, request.Zone, request.RecordName, request.Type, request.PrimaryHealthCheckId, cancel).ConfigureAwait(false);
            return Plan(request, facts);
        }

        internal static DnsFailoverPlan Plan(DnsFailoverRequest request, DnsFacts facts)
        {
            var records = facts.Records;
            if (records.Other.Count > 0)
                throw new PatternException("RecordInUse", PatternErrorCategory.InvalidOperation,
                    $"{request.RecordName} {request.Type} already has records of another routing policy (set identifier " +
                    $"{string.Join(", ", records.Other.Select(r => r.SetIdentifier))}); the failover pattern does not overwrite them.");

            var plan = new DnsFailoverPlan(request, facts);
            if (request.SwitchTo != null) PlanSwitch(plan);
            else PlanPair(plan);
            return plan;
        }

        private static void PlanSwitch(DnsFailoverPlan plan)
        {
            var request = plan.Request;
            var side = request.SwitchTo == "Secondary" ? request.Secondary : request.Primary;
            var desired = Record(request, null, null, side, null);
            plan.Desired.Add(desired);
            var records = plan.Facts.Records;
            if (records.Primary != null) plan.Deletes.Add(records.Primary);
            if (records.Secondary != null) plan.Deletes.Add(records.Secondary);
            if (records.Simple == null || !DnsRecords.SameContent(records.Simple, desired)) plan.Upserts.Add(desired);
        }

        private static void PlanPair(DnsFailoverPlan plan)
        {
            var request = plan.Request;
            var records = plan.Facts.Records;
            var healthCheckId = PlanPrimaryHealthCheck(plan);
            var primary = Record(request, records.Primary?.SetIdentifier ?? PrimaryIdentifier, "PRIMARY", request.Primary, healthCheckId);
            var secondary = Record(request, records.Secondary?.SetIdentifier ?? SecondaryIdentifier, "SECONDARY", request.Secondary, request.SecondaryHealthCheckId);
            plan.Desired.Add(primary);
            plan.Desired.Add(secondary);
            if (records.Simple != null) plan.Deletes.Add(records.Simple);
            if (plan.HealthCheckToCreate != null || records.Primary == null || !DnsRecords.SameContent(records.Primary, primary)) plan.Upserts.Add(primary);
            if (records.Secondary == null || !DnsRecords.SameContent(records.Secondary, secondary)) plan.Upserts.Add(secondary);
        }

        /// <summary>
        /// The primary's health check: the one named; for -HealthCheck the existing one when its settings match, else a
        /// new one; without either, the one the primary already carries (a pair is never silently left unguarded).
        /// Returns the id to put in the record (null while the check is still to be created).
        /// </summary>
        private static string? PlanPrimaryHealthCheck(DnsFailoverPlan plan)
        {
            var request = plan.Request;
            var existing = plan.Facts.PrimaryHealthCheck;
            if (request.PrimaryHealthCheckId != null)
            {
                plan.PrimaryHealthCheck = existing?.HealthCheckConfig;
                return request.PrimaryHealthCheckId;
            }
            if (request.HealthCheck != null)
            {
                plan.PrimaryHealthCheck = request.HealthCheck;
                if (existing != null && HealthCheckSpec.SameSettings(existing.HealthCheckConfig, request.HealthCheck)) return existing.Id;
                plan.HealthCheckToCreate = request.HealthCheck;
                plan.CallerReference = CallerReference(plan.Zone.Id, request.RecordName, request.Type, request.HealthCheck);
                return null;
            }
            plan.PrimaryHealthCheck = existing?.HealthCheckConfig;
            return existing?.Id;
        }

        private static ResourceRecordSet Record(DnsFailoverRequest request, string? setIdentifier, string? failover, DnsTarget target, string? healthCheckId)
        {
            var record = new ResourceRecordSet
            {
                Name = request.RecordName, Type = request.Type, SetIdentifier = setIdentifier, Failover = failover, HealthCheckId = healthCheckId,
            };
            if (target.IsAlias) record.AliasTarget = new AliasTarget { HostedZoneId = target.AliasHostedZoneId!, DNSName = target.Value, EvaluateTargetHealth = false };
            else
            {
                record.TTL = request.Ttl;
                record.ResourceRecords.Add(request.Type == "CNAME" ? DnsName.Normalize(target.Value) : target.Value);
            }
            return record;
        }

        /// <summary>"cdp-" and 40 hex digits of a hash of zone, name, type and settings: at most 64 characters, as Route 53 allows.</summary>
        private static string CallerReference(string zoneId, string recordName, string type, HealthCheckConfig c)
        {
            var text = string.Join("|", zoneId, recordName, type, c.Type, c.IPAddress, c.FullyQualifiedDomainName, c.Port, c.ResourcePath, c.RequestInterval, c.FailureThreshold);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            return "cdp-" + BitConverter.ToString(hash, 0, 20).Replace("-", "").ToLowerInvariant();
        }
    }
}
