using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Deletes snapshot sets, or rotates them. Without -KeepGenerations/-OlderThan the sets given are deleted. With a
    /// keep rule the sets (or -InstanceId, -Self, -Policy) only name groups (instance, policy, region), and everything in
    /// a group outside the rules goes — never a pending set, never the newest completed one, never what is not ours.
    /// Removed, skipped and failed sets are written as <see cref="SnapshotRemoval"/>; kept ones only with -PassThru.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "PatternSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputSet)]
    [OutputType(typeof(SnapshotRemoval))]
    public sealed class RemovePatternSnapshotCommand : AwsCmdlet
    {
        private const string InputSet = "InputObject";
        private const string SetIdSet = "SetId";
        private const string InstanceSet = "InstanceId";
        private const string SelfSet = "Self";
        private const string PolicySet = "Policy";

        /// <summary>Requests gathered from the pipeline, merged by region and rules, run in EndProcessing.</summary>
        private readonly Dictionary<string, Request> requests = new Dictionary<string, Request>(StringComparer.Ordinal);

        /// <remarks>
        /// Not mandatory on purpose: a mandatory by-value pipeline parameter makes PowerShell commit piped objects to this
        /// set, so a Get-PatternConfiguration object would never reach -InstanceId by property name.
        /// </remarks>
        [Parameter(ParameterSetName = InputSet, Position = 0, ValueFromPipeline = true)]
        public SnapshotSet[] InputObject { get; set; } = Array.Empty<SnapshotSet>();

        [Parameter(ParameterSetName = SetIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SnapshotSetIdCompleter))]
        public string[] SetId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        /// <summary>Only this policy's sets; alone (with a keep rule) it rotates every instance that has sets of it.</summary>
        // Not from the pipeline in the Policy set: an object with InstanceId and Policy (Get-PatternConfiguration) must bind
        // to the InstanceId set unambiguously.
        [Parameter(ParameterSetName = PolicySet, Mandatory = true)]
        [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SelfSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        [ArgumentCompleter(typeof(SnapshotPolicyCompleter))]
        public string? Policy { get; set; }

        // Pipeline binding: piped SnapshotSets bind -InputObject by value (tried first, without coercion); other objects
        // bind by property name, to -InstanceId (e.g. Get-PatternConfiguration output with the keep rules) or -SetId.
        // The keep rules bind by property name only in the sets that name groups by property.
        [Parameter(ParameterSetName = InputSet)]
        [Parameter(ParameterSetName = SetIdSet)]
        [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SelfSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = PolicySet)]
        public int? KeepGenerations { get; set; }

        [Parameter(ParameterSetName = InputSet)]
        [Parameter(ParameterSetName = SetIdSet)]
        [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SelfSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = PolicySet)]
        [DurationTransformation]
        public TimeSpan? OlderThan { get; set; }

        /// <summary>Also write the kept sets (Action Kept), so a report shows the whole group.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        /// <summary>Skips the confirmation prompt (a scheduled job never blocks); never lifts a safety rule.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>How many sets are removed at a time.</summary>
        [Parameter] [ValidateRange(1, 32)] public int ThrottleLimit { get; set; } = RotationExecutor.DefaultConcurrency;

        private sealed class Request
        {
            public string? Region;
            public RotationRules Rules = null!;
            public List<string> SetIds = new List<string>();
            public List<RotationGroupKey> Groups = new List<RotationGroupKey>();
            public List<string> InstanceIds = new List<string>();
            public string? Policy;
            public bool Self;
            public bool ByPolicyOnly;
        }

        protected override void ProcessRecord()
        {
            RotationRules rules;
            try { rules = new RotationRules(KeepGenerations, OlderThan); }
            catch (PatternException invalid) { ThrowArgumentError(invalid.ErrorId, invalid.Message, (object?)KeepGenerations ?? OlderThan); return; }
            if (!rules.IsRotation && ParameterSetName != InputSet && ParameterSetName != SetIdSet)
                ThrowArgumentError("KeepRuleRequired", $"-{ParameterSetName} names groups to rotate: give -KeepGenerations and/or -OlderThan (to delete particular sets, pass them or their -SetId).", null);

            switch (ParameterSetName)
            {
                case InputSet:
                    foreach (var set in InputObject.Where(s => s != null))
                    {
                        var request = For(set.Region, rules, "sets");
                        if (rules.IsRotation) request.Groups.Add(RotationGroupKey.Of(set));
                        else request.SetIds.Add(set.SetId);
                    }
                    break;
                case SetIdSet:
                    foreach (var id in SetId)
                    {
                        try { For(null, rules, "sets").SetIds.Add(SnapshotSetId.Require(id, nameof(SetId))); }
                        catch (PatternException invalid) { ThrowPatternError(invalid, id); }
                    }
                    if (rules.IsRotation)
                        ThrowArgumentError("SetIdWithKeepRule", "-SetId deletes the sets named; to rotate, pipe sets or give -InstanceId, -Self or -Policy with the keep rule.", null);
                    break;
                case InstanceSet:
                    var byInstance = For(null, rules, "instances|" + Policy);
                    byInstance.Policy = Policy;
                    InstanceIdParameter.AddValid(InstanceId, byInstance.InstanceIds, this);
                    break;
                case SelfSet:
                    var self = For(null, rules, "self|" + Policy);
                    self.Self = true;
                    self.Policy = Policy;
                    break;
                case PolicySet:
                    var byPolicy = For(null, rules, "policy|" + Policy);
                    byPolicy.Policy = Policy;
                    byPolicy.ByPolicyOnly = true;
                    break;
            }
        }

        private Request For(string? region, RotationRules rules, string kind)
        {
            var key = $"{region}|{rules.KeepGenerations}|{rules.OlderThan}|{kind}";
            if (!requests.TryGetValue(key, out var request))
                requests[key] = request = new Request { Region = string.IsNullOrEmpty(region) ? null : region, Rules = rules };
            return request;
        }

        protected override void EndProcessing()
        {
            foreach (var request in requests.Values)
                RunRequest(request);
        }

        private void RunRequest(Request request)
        {
            // Every -InstanceId was malformed (each already reported): nothing is left to rotate, and an empty list
            // must never widen into "every instance".
            if (!request.Self && !request.ByPolicyOnly && request.SetIds.Count == 0 && request.Groups.Count == 0 && request.InstanceIds.Count == 0) return;
            // Phase 1 (describes only): the plan, which is what -WhatIf prints.
            Ec2Session ec2;
            RotationPlan plan;
            // A failure here concerns this request (one region, one rule) only: report it, and the others still run.
            try { (ec2, plan) = Run((log, ct) => PlanAsync(request, log, ct)); }
            catch (PatternException error) { WritePatternError(error, request.Region); return; }

            foreach (var missing in plan.NotFound)
                WritePatternError(new PatternException("SnapshotSetNotFound", PatternErrorCategory.ObjectNotFound,
                    $"No snapshot or image in {ec2.Region} carries the set id {missing}."), missing);
            // From the decisions alone: a rotation keeps most of its sets, and building each one for a debug line is waste.
            foreach (var (setId, decision, reason) in plan.Decisions)
            {
                if (decision == RotationDecision.Skip) WriteWarning($"{setId} skipped: {reason}");
                else if (decision == RotationDecision.Keep) WriteDebug($"{setId} kept: {reason}");
            }

            // -WhatIf prints each set's removal and stops there; -Force only skips the prompt.
            var whatIf = IsWhatIf();
            var approved = plan.Remove.Where(i => Force && !whatIf || ShouldProcess(i.DescribeTarget(), i.DescribeAction())).ToList();
            if (whatIf) return;

            // Phase 2: deregister and delete, then read back.
            IReadOnlyList<RotationOutcome> outcomes = Array.Empty<RotationOutcome>();
            if (approved.Count > 0)
            {
                try { outcomes = Run((log, ct) => RotationExecutor.ExecuteAsync(ec2.WithLog(log), approved, ThrottleLimit, ct)); }
                catch (PatternException error) { WritePatternError(error, request.Region); return; }
            }

            foreach (var item in plan.Where(d => d == RotationDecision.Skip || PassThru && d == RotationDecision.Keep))
                WriteObject(RotationOutcome.FromPlan(item).Result);
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null) WritePatternError(outcome.Error, outcome.Result.SetId);
                else if (outcome.Result.Action == SnapshotRemovalAction.Skipped) WriteWarning($"{outcome.Result.SetId} skipped: {outcome.Result.Reason}");
                WriteObject(outcome.Result);
            }
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

        private bool IsWhatIf()
            => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent
               || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        private async Task<(Ec2Session, RotationPlan)> PlanAsync(Request request, IOperationLog log, CancellationToken ct)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
            if (request.Region != null && request.Region != ec2.Region)
            {
                ResourceId.RequireRegionName(request.Region, "Region");
                ec2 = ec2.InRegion(request.Region);
            }
            var scope = new RotationScope { Policy = request.Policy };
            if (request.SetIds.Count > 0) scope.SetIds = request.SetIds.Distinct().ToList();
            else if (request.Groups.Count > 0) scope.Groups = request.Groups.Distinct().ToList();
            else if (request.Self)
            {
                var self = await new InstanceIdentityReader(ImdsClient.ForCurrentEnvironment()).ReadAsync(ct).ConfigureAwait(false);
                if (self.Region != ec2.Region)
                    throw new PatternException("SelfInOtherRegion", PatternErrorCategory.InvalidArgument,
                        $"-Self is {self.InstanceId} in {self.Region}, but the command targets {ec2.Region}; drop -Region or set it to {self.Region}.");
                scope.InstanceIds = new[] { self.InstanceId };
            }
            else if (!request.ByPolicyOnly) scope.InstanceIds = request.InstanceIds.Distinct().ToList();
            var plan = await RotationPlanning.PlanAsync(ec2, scope, request.Rules, DateTime.UtcNow, ct).ConfigureAwait(false);
            // Verbose, with its time: how long the read and the decisions took is what an operator tunes a large rotation by.
            log.Verbose($"Plan in {ec2.Region} ({(request.Rules.IsRotation ? request.Rules.ToString() : "delete the sets named")}): " +
                        $"{plan.Count(RotationDecision.Remove)} to remove, {plan.Count(RotationDecision.Keep)} kept, {plan.Count(RotationDecision.Skip)} skipped; read and planned in " +
                        $"{Seconds(watch.Elapsed)} s, {Seconds(plan.ReadWait)} s of it waiting for EC2.");
            return (ec2, plan);
        }
    }
}
