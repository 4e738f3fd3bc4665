using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Dns;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Commands.Dns
{
    /// <summary>
    /// DNS failover: makes a name a PRIMARY/SECONDARY pair guarded by a health check (Route 53 then fails over by
    /// itself), or with -SwitchTo points one simple record at one side (for private addresses no checker reaches).
    /// Sends nothing when the name is already as asked, one change batch otherwise, and reads the name back.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Route53Failover", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ZoneIdSet)]
    [OutputType(typeof(DnsFailoverResult))]
    public sealed class SetRoute53FailoverCommand : Route53Cmdlet
    {
        /// <summary>The primary's value: an address for A/AAAA, a name for CNAME. With -Self, this instance's address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Primary { get; set; }

        /// <summary>The secondary's value, or with -SecondaryAliasHostedZoneId an alias target's DNS name (an S3 website endpoint).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string Secondary { get; set; } = "";

        /// <summary>Makes -Secondary an alias target in this hosted zone (for S3 website endpoints, the region's S3 website zone).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SecondaryAliasHostedZoneId { get; set; }

        /// <summary>An existing health check that guards the primary.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? HealthCheckId { get; set; }

        /// <summary>A health check to create for the primary: @{ Type = 'HTTP'; Address = '203.0.113.10'; Port = 80; Path = '/health'; Interval = 30; Threshold = 3 }.</summary>
        [Parameter]
        public Hashtable? HealthCheck { get; set; }

        /// <summary>A health check that guards the secondary (a static fallback usually has none).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SecondaryHealthCheckId { get; set; }

        /// <summary>Seconds resolvers cache the answer (default 60, or cdp:dns:ttl): failover is never faster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long? Ttl { get; set; }

        /// <summary>Instead of a pair, one simple record pointing at this side.</summary>
        [Parameter]
        [ValidateSet("Primary", "Secondary")]
        public string? SwitchTo { get; set; }

        /// <summary>With -Self: this instance's public IPv4 address as the primary, not its private one.</summary>
        [Parameter] public SwitchParameter Public { get; set; }

        /// <summary>Poll the change until Route 53 reports INSYNC (or -TimeoutSec passes).</summary>
        [Parameter] public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 300;

        protected override void ProcessRecord()
        {
            var started = Stopwatch.StartNew();
            CheckInput();

            // Phase 1 (read only): settings, the zone, the name's records and the health check; the plan is what -WhatIf prints.
            Route53Session route53;
            DnsFailoverPlan plan;
            try
            {
                (route53, plan) = Run(async (log, ct) =>
                {
                    var session = await OpenRoute53Async(log, ct).ConfigureAwait(false);
                    var request = await BuildRequestAsync(session, ct).ConfigureAwait(false);
                    return (session, await DnsFailoverPlanner.PlanAsync(session, request, ct).ConfigureAwait(false));
                });
            }
            catch (PatternException error) { ThrowPatternError(error, RecordName ?? "self"); return; }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }

            foreach (var warning in plan.Warnings()) WriteWarning(warning);
            if (plan.HasChanges)
            {
                var target = $"{plan.Request.RecordName} {plan.Request.Type} in {plan.ZoneId} ({plan.ZoneName})";
                if (!ShouldProcess(target, string.Join("; ", plan.DescribeChanges()))) return;
            }

            // Phase 2: the health check, the change batch, -Wait, the read-back.
            DnsFailoverOutcome outcome;
            try { outcome = Run((log, ct) => DnsFailoverExecutor.ExecuteAsync(route53.WithLog(log), plan, Wait ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null, started, ct)); }
            catch (PatternException error) { ThrowPatternError(error, plan.Request.RecordName); return; }
            WriteObject(outcome.Result);
            foreach (var error in outcome.Errors) WritePatternError(error, plan.Request.RecordName);
        }

        /// <summary>Everything that can be checked without AWS, before any call.</summary>
        private void CheckInput()
        {
            if (!Self)
            {
                CheckZoneInput(ZoneSelector());
                Guard(() => DnsInputChecks.CheckRecordName(RecordName), RecordName);
                if (Primary == null) ThrowArgumentError("PrimaryRequired", "-Primary is required (only -Self takes this instance's address).", null);
            }
            else
            {
                if (HostedZoneId != null || ZoneName != null) CheckZoneInput(ZoneSelector());
                if (RecordName != null) Guard(() => DnsInputChecks.CheckRecordName(RecordName), RecordName);
            }
            if (Public && !Self) ThrowArgumentError("PublicNeedsSelf", "-Public applies to -Self (this instance's public address as the primary).", null);
            if (Ttl != null) Guard(() => DnsInputChecks.CheckTtl(Ttl.Value), Ttl);
            if (Primary != null) Guard(() => DnsInputChecks.CheckValue(Type, DnsTarget.Plain(Primary), nameof(Primary)), Primary);
            Guard(() => DnsInputChecks.CheckValue(Type, SecondaryTarget(), nameof(Secondary)), Secondary);
            Guard(() => DnsInputChecks.CheckHealthCheckId(HealthCheckId, nameof(HealthCheckId)), HealthCheckId);
            Guard(() => DnsInputChecks.CheckHealthCheckId(SecondaryHealthCheckId, nameof(SecondaryHealthCheckId)), SecondaryHealthCheckId);
            if (HealthCheckId != null && HealthCheck != null)
                ThrowArgumentError("HealthCheckTwice", "Give -HealthCheckId (an existing check) or -HealthCheck (one to create), not both.", null);
            if (SwitchTo != null && (HealthCheck != null || HealthCheckId != null || SecondaryHealthCheckId != null))
                ThrowArgumentError("SwitchHasNoHealthCheck", "-SwitchTo points one simple record at one side: Route 53 evaluates no health check for it. Drop the health check, or drop -SwitchTo for a failover pair.", null);
            if (HealthCheck != null) Guard(() => HealthCheckSpec.Check(HealthCheckSettings()), "HealthCheck");
        }

        private async System.Threading.Tasks.Task<DnsFailoverRequest> BuildRequestAsync(Route53Session route53, System.Threading.CancellationToken cancel)
        {
            var request = new DnsFailoverRequest
            {
                Zone = ZoneSelector(), RecordName = RecordName == null ? "" : DnsInputChecks.CheckRecordName(RecordName), Type = Type,
                Primary = Primary == null ? null! : DnsTarget.Plain(Primary), Secondary = SecondaryTarget(), Ttl = Ttl ?? 60,
                PrimaryHealthCheckId = HealthCheckId, SecondaryHealthCheckId = SecondaryHealthCheckId, SwitchTo = SwitchTo,
            };
            if (HealthCheck != null) request.UseHealthCheck(HealthCheckSettings());
            if (!Self) return request;

            var self = await ReadSelfAsync(route53, Public, cancel, nameof(HostedZoneId), nameof(RecordName), nameof(Ttl), nameof(HealthCheckId)).ConfigureAwait(false);
            route53.Log.Debug($"-Self: {self.InstanceId}, primary {self.Address}");
            request.Zone = ZoneSelector(self.HostedZoneId);
            DnsInputChecks.CheckZoneSelector(request.Zone);
            if (request.Zone.Id == null && request.Zone.Name == null)
                throw new PatternException("HostedZoneRequired", PatternErrorCategory.InvalidArgument,
                    $"No hosted zone: pass -HostedZoneId or -ZoneName, or set cdp:dns:hosted-zone-id on {self.InstanceId}.");
            request.RecordName = self.RecordName != null ? DnsInputChecks.CheckRecordName(self.RecordName)
                : throw new PatternException("RecordNameRequired", PatternErrorCategory.InvalidArgument,
                    $"No record name: pass -RecordName, or set cdp:dns:record-name on {self.InstanceId}.");
            request.Ttl = self.Ttl ?? 60;
            DnsInputChecks.CheckTtl(request.Ttl);
            request.PrimaryHealthCheckId = self.HealthCheckId;
            request.Primary = DnsTarget.Plain(Primary ?? self.Address);
            DnsInputChecks.CheckValue(Type, request.Primary, nameof(Primary));
            return request;
        }

        private DnsTarget SecondaryTarget() =>
            SecondaryAliasHostedZoneId != null ? DnsTarget.Alias(Secondary, SecondaryAliasHostedZoneId) : DnsTarget.Plain(Secondary);

        private IReadOnlyDictionary<string, object?> HealthCheckSettings() =>
            HealthCheck!.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key) ?? "", e => e.Value is PSObject p ? p.BaseObject : (object?)e.Value);
    }
}
