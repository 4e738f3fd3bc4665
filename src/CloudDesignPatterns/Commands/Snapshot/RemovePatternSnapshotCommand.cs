using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
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
        private readonly RemovalRequests requests = new RemovalRequests();

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

        protected override void ProcessRecord()
        {
            RotationRules rules;
            var namesGroups = ParameterSetName != InputSet && ParameterSetName != SetIdSet;
            try { rules = RemovalRequests.Rules(KeepGenerations, OlderThan, namesGroups ? ParameterSetName : null); }
            catch (PatternException invalid) { ThrowPatternError(invalid, (object?)KeepGenerations ?? OlderThan); return; }

            switch (ParameterSetName)
            {
                case InputSet: requests.AddSets(InputObject.Where(s => s != null), rules); break;
                case SetIdSet:
                    foreach (var id in SetId)
                    {
                        try { requests.AddSetId(id, rules); }
                        catch (PatternException invalid) { ThrowPatternError(invalid, id); }
                    }
                    break;
                case InstanceSet:
                    var valid = new List<string>();
                    InstanceIdParameter.AddValid(InstanceId, valid, this);
                    requests.AddInstances(valid, Policy, rules);
                    break;
                case SelfSet: requests.AddSelf(Policy, rules); break;
                case PolicySet: requests.AddPolicy(Policy, rules); break;
            }
        }

        protected override void EndProcessing()
        {
            foreach (var request in requests.Where(r => !r.NamesNothing))
                Remove(request);
        }

        private void Remove(RemovalRequest request)
        {
            // Phase 1 (describes only): the plan, which is what -WhatIf prints. A failure here concerns this request
            // (one region, one rule) only: report it, and the others still run.
            RemovalPlan plan;
            try { plan = Run(async (log, ct) => await RemovalPlanner.PlanAsync(await OpenEc2Async(log, ct).ConfigureAwait(false), request, ct).ConfigureAwait(false)); }
            catch (PatternException error) { WritePatternError(error, request.Region); return; }

            foreach (var (setId, error) in plan.NotFound) WritePatternError(error, setId);
            // From the decisions alone: a rotation keeps most of its sets, and building each one for a debug line is waste.
            foreach (var (setId, decision, reason) in plan.Rotation.Decisions)
            {
                if (decision == RotationDecision.Skip) WriteWarning($"{setId} skipped: {reason}");
                else if (decision == RotationDecision.Keep) WriteDebug($"{setId} kept: {reason}");
            }

            // -WhatIf prints each set's removal and stops there; -Force only skips the prompt.
            var whatIf = IsWhatIf();
            var approved = plan.Rotation.Remove.Where(i => Force && !whatIf || ShouldProcess(i.DescribeTarget(), i.DescribeAction())).ToList();
            if (whatIf) return;

            // Phase 2: deregister and delete, then read back.
            IReadOnlyList<RotationOutcome> outcomes = Array.Empty<RotationOutcome>();
            if (approved.Count > 0)
            {
                try { outcomes = Run((log, ct) => RotationExecutor.ExecuteAsync(plan.Session.WithLog(log), approved, ThrottleLimit, ct)); }
                catch (PatternException error) { WritePatternError(error, request.Region); return; }
            }

            foreach (var item in plan.Rotation.Where(d => d == RotationDecision.Skip || PassThru && d == RotationDecision.Keep))
                WriteObject(RotationOutcome.FromPlan(item).Result);
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null) WritePatternError(outcome.Error, outcome.Result.SetId);
                else if (outcome.Result.Action == SnapshotRemovalAction.Skipped) WriteWarning($"{outcome.Result.SetId} skipped: {outcome.Result.Reason}");
                WriteObject(outcome.Result);
            }
        }

        private bool IsWhatIf()
            => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent
               || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
