using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>The result of one Set-Route53Failover, and the errors to write after it (a change still PENDING at the timeout).</summary>
    public sealed class DnsFailoverOutcome
    {
        public DnsFailoverOutcome(DnsFailoverResult result, IReadOnlyList<PatternException> errors) { Result = result; Errors = errors; }
        public DnsFailoverResult Result { get; }
        public IReadOnlyList<PatternException> Errors { get; }
    }

    /// <summary>
    /// Sends an approved plan: the health check first (its caller reference makes a retry answer with the same check),
    /// then the whole change batch at once (Route 53 applies it all or nothing), then -Wait's polls, then one read-back
    /// of the name that must show exactly the planned records (skipped when nothing was sent).
    /// </summary>
    public static class DnsFailoverExecutor
    {
        public static async Task<DnsFailoverOutcome> ExecuteAsync(Route53Session route53, DnsFailoverPlan plan, TimeSpan? waitTimeout,
            Stopwatch started, CancellationToken cancel)
        {
            var request = plan.Request;
            var errors = new List<PatternException>();
            var createdHealthCheck = await CreateHealthCheckAsync(route53, plan, cancel).ConfigureAwait(false);
            ChangeInfo? change = null;
            var changes = plan.Changes();
            if (changes.Count > 0)
            {
                // UPSERTs may be re-sent safely; a batch with a DELETE may not (a second DELETE would fail on what the first removed).
                var idempotent = changes.All(c => c.Action == "UPSERT");
                var batch = new ChangeResourceRecordSetsRequest
                {
                    HostedZoneId = plan.Zone.Id, Changes = changes,
                    Comment = $"Set-Route53Failover {request.RecordName} {request.Type} ({(plan.IsSwitch ? "switch to " + request.SwitchTo : "failover pair")})",
                };
                try
                {
                    change = await route53.CallAsync("ChangeResourceRecordSets", plan.Zone.Id, idempotent,
                        (c, ct) => c.ChangeResourceRecordSetsAsync(batch, ct), cancel).ConfigureAwait(false);
                }
                catch (PatternException failure) when (createdHealthCheck != null)
                {
                    throw new PatternException(failure.ErrorId, failure.Category,
                        $"{failure.Message} The health check {createdHealthCheck} was created first; the next run with the same -HealthCheck reuses it.",
                        failure.AwsErrorCode, failure.MissingAction, failure) { OutcomeUnknown = failure.OutcomeUnknown };
                }
                if (waitTimeout != null)
                {
                    change = await ChangeWaiter.WaitAsync(route53, change, waitTimeout.Value, $"{request.RecordName} {request.Type}", cancel).ConfigureAwait(false);
                    if (change.Status != "INSYNC")
                        errors.Add(new PatternException("ChangeNotInSync", PatternErrorCategory.OperationTimeout,
                            $"Route 53 change {change.Id} for {request.RecordName} was still {change.Status} after {waitTimeout.Value.TotalSeconds:0} s; " +
                            $"it goes on by itself: Get-Route53Failover shows the records, and resolvers see them once it is INSYNC."));
                }
            }

            // Nothing sent, nothing to verify: the plan was made from a read of this same moment.
            if (plan.HasChanges) await VerifyAsync(route53, plan, cancel).ConfigureAwait(false);
            return new DnsFailoverOutcome(DnsFailoverResults.From(plan, change, createdHealthCheck != null, route53.Region, started.ElapsedMilliseconds), errors);
        }

        private static async Task<string?> CreateHealthCheckAsync(Route53Session route53, DnsFailoverPlan plan, CancellationToken cancel)
        {
            if (plan.HealthCheckToCreate == null) return null;
            var config = plan.HealthCheckToCreate;
            var created = await route53.CallAsync("CreateHealthCheck", plan.CallerReference, true,
                (c, ct) => c.CreateHealthCheckAsync(plan.CallerReference, config, ct), cancel).ConfigureAwait(false);
            var primary = plan.Desired.First(r => r.Failover == "PRIMARY");
            primary.HealthCheckId = created.Id;
            return created.Id;
        }

        /// <summary>One read of the name: every planned record as planned, and nothing else of this type left.</summary>
        private static async Task VerifyAsync(Route53Session route53, DnsFailoverPlan plan, CancellationToken cancel)
        {
            var name = plan.Request.RecordName;
            var listed = await route53.ListRecordSetsAsync(plan.Zone.Id, name, r => DnsName.Normalize(r.Name) == name, cancel).ConfigureAwait(false);
            var now = new DnsRecords(name, plan.Request.Type, listed).All;
            var missing = plan.Desired.Where(d => !now.Any(r => r.SetIdentifier == d.SetIdentifier && DnsRecords.SameContent(r, d))).ToList();
            var extra = now.Where(r => !plan.Desired.Any(d => d.SetIdentifier == r.SetIdentifier)).ToList();
            if (missing.Count == 0 && extra.Count == 0) return;
            throw new PatternException("DnsNotVerified", PatternErrorCategory.InvalidData,
                $"Route 53 accepted the change, but {name} {plan.Request.Type} does not read back as planned: " +
                string.Join("; ", missing.Select(r => "missing " + DnsFailoverPlan.Describe("", r).Trim())
                    .Concat(extra.Select(r => "still there " + DnsFailoverPlan.Describe("", r).Trim()))) + ".");
        }
    }
}
