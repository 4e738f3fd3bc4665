using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Routing;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Commands.Routing
{
    /// <summary>
    /// Routing-based HA: points a virtual IP at one node by rewriting every route table that carries it, concurrently,
    /// after checking that the failover can work (VIP outside the VPC, target in the VPC, source/dest check off), and
    /// verifies the end state with one read-back. A table that fails is reported on its own; the others still switch.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "RoutingFailover", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InstanceSet)]
    [OutputType(typeof(RoutingFailoverResult))]
    public sealed class SetRoutingFailoverCommand : RoutingCmdlet
    {
        private const string InstanceSet = "InstanceId";
        private const string InterfaceSet = "NetworkInterfaceId";
        private const string SelfSet = "Self";

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; } = "";

        [Parameter(ParameterSetName = InterfaceSet, Mandatory = true)]
        [ArgumentCompleter(typeof(NetworkInterfaceIdCompleter))]
        public string NetworkInterfaceId { get; set; } = "";

        /// <summary>This instance (instance metadata): its primary interface, and its Cloud DI settings for what is not given.</summary>
        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        /// <summary>Create the route in a named table that has none for the virtual IP (otherwise that table fails).</summary>
        [Parameter] public SwitchParameter CreateMissing { get; set; }

        protected override void ProcessRecord()
        {
            var started = Stopwatch.StartNew();
            CheckRoutingInput();
            RoutingTarget? target = null;
            switch (ParameterSetName)
            {
                case InstanceSet:
                    CheckId(ResourceKind.Instance, InstanceId, nameof(InstanceId), "InvalidInstanceId");
                    target = RoutingTarget.Instance(InstanceId);
                    break;
                case InterfaceSet:
                    CheckId(ResourceKind.NetworkInterface, NetworkInterfaceId, nameof(NetworkInterfaceId), "InvalidNetworkInterfaceId");
                    target = RoutingTarget.Interface(NetworkInterfaceId);
                    break;
            }
            if (!Self && VirtualIp == null)
                ThrowArgumentError("VirtualIpRequired", "-VirtualIp is required with -InstanceId or -NetworkInterfaceId (only -Self reads cdp:routing:virtual-ip).", null);

            // Phase 1 (read only): settings, the concurrent preflight describes and the plan — what -WhatIf prints.
            Ec2Session ec2;
            RoutingFailoverPlan plan;
            try
            {
                (ec2, plan) = Run(async (log, ct) =>
                {
                    var session = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    var request = await RoutingRequestResolver.ResolveAsync(session, VirtualIp, TableIds, target, Self, Self, ct).ConfigureAwait(false);
                    var facts = await RoutingPreflightReader.ReadAsync(session, request.VirtualIp, request.Target!, request.RouteTableIds,
                        request.TableSource, describeVpc: true, ct).ConfigureAwait(false);
                    return (session, RoutingFailoverPlanner.Plan(facts, CreateMissing));
                });
            }
            catch (PatternException error) { ThrowPatternError(error, VirtualIp ?? "self"); return; }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }

            var disableCheck = plan.DisableSourceDestCheck && ShouldProcess($"{plan.Target.NetworkInterfaceId} ({plan.Region})",
                $"Turn source/dest check off, so {plan.Target.Describe()} can take traffic for {plan.VirtualIp}");
            var approved = new HashSet<string>(plan.Tables
                .Where(t => (t.Action == PlannedRouteAction.Replace || t.Action == PlannedRouteAction.Create)
                            && ShouldProcess($"{t.RouteTableId} ({plan.Region})", RoutingFailoverPlanner.Describe(plan, t)))
                .Select(t => t.RouteTableId));
            // -WhatIf (or every change declined): nothing is sent. A plan without changes still runs: it only reports.
            if (plan.HasChanges && approved.Count == 0 && !disableCheck) return;
            if (plan.DisableSourceDestCheck && !disableCheck)
                WriteWarning($"Source/dest check stays on at {plan.Target.NetworkInterfaceId}: the node drops traffic for {plan.VirtualIp} until it is off.");

            // Phase 2: every approved change concurrently, then one read-back.
            var outcome = Run((log, ct) => RoutingFailoverExecutor.ExecuteAsync(ec2.WithLog(log), plan, approved, disableCheck, started, ct));
            WriteObject(outcome.Result);
            // After the result, so -ErrorAction Stop still shows which tables did switch.
            foreach (var (table, error) in outcome.Failures) WritePatternError(error, table);
        }
    }
}
