using System;
using System.Diagnostics;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.FloatingIp;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Commands.FloatingIp
{
    /// <summary>
    /// Floating IP: moves an Elastic IP (reassociation) or a secondary private IP (reassignment, within its subnet) to
    /// another instance or interface, verified by reading the association back; with -Self, also waits until this
    /// instance's metadata shows the address. Already in place: nothing is sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "FloatingIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InstanceSet)]
    [OutputType(typeof(FloatingIpMoveResult))]
    public sealed class MoveFloatingIpCommand : FloatingIpCmdlet
    {
        private const string InstanceSet = "InstanceId";
        private const string InterfaceSet = "NetworkInterfaceId";
        private const string SelfSet = "Self";

        /// <summary>The instance to move the address to (its primary interface).</summary>
        [Parameter(ParameterSetName = InstanceSet, Mandatory = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; } = "";

        [Parameter(ParameterSetName = InterfaceSet, Mandatory = true)]
        [ArgumentCompleter(typeof(NetworkInterfaceIdCompleter))]
        public string NetworkInterfaceId { get; set; } = "";

        /// <summary>This instance (instance metadata): its primary interface, and cdp:floating-ip:* for the address.</summary>
        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        /// <summary>Elastic IP only: the private address of the target interface to map it to (default: the primary).</summary>
        [Parameter]
        public string? ToPrivateIp { get; set; }

        /// <summary>-Self: how long to wait for instance metadata to show the address.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            var started = Stopwatch.StartNew();
            CheckAddressInput();
            if (ToPrivateIp != null && !FloatingAddressSpec.IsIPv4(ToPrivateIp))
                ThrowArgumentError("InvalidToPrivateIp", $"-ToPrivateIp '{ToPrivateIp}' is not an IPv4 address such as 10.0.2.10.", ToPrivateIp);
            if (ParameterSetName == InstanceSet) CheckId(ResourceKind.Instance, InstanceId, nameof(InstanceId), "InvalidInstanceId");
            if (ParameterSetName == InterfaceSet) CheckId(ResourceKind.NetworkInterface, NetworkInterfaceId, nameof(NetworkInterfaceId), "InvalidNetworkInterfaceId");

            // Phase 1 (read only): settings, the concurrent describes of the address and the target, the plan — what -WhatIf prints.
            Ec2Session ec2;
            FloatingIpPlan plan;
            try
            {
                (ec2, plan) = RunOrThrow(async (log, ct) =>
                {
                    var session = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    var request = await FloatingIpRequestResolver.ResolveAsync(session, AllocationId, PublicIp, PrivateIp,
                        ParameterSetName == InstanceSet ? InstanceId : null, ParameterSetName == InterfaceSet ? NetworkInterfaceId : null,
                        ToPrivateIp, Self, ct).ConfigureAwait(false);
                    return (session, await FloatingIpPreflight.PlanAsync(session, request, ct).ConfigureAwait(false));
                }, Target());
            }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }

            if (!plan.AlreadyCurrent && !ShouldProcess($"{plan.Address} ({plan.Region})", FloatingIpPlanner.Describe(plan))) return;
            var imds = plan.WaitForMetadata ? ImdsClient.ForCurrentEnvironment() : null;
            var outcome = Run((log, ct) => FloatingIpMover.ExecuteAsync(ec2.WithLog(log), plan, imds, TimeSpan.FromSeconds(TimeoutSec), started, ct));
            WriteObject(outcome.Result);
            // After the result, so -ErrorAction Stop still shows where the address is.
            if (outcome.Error != null) WritePatternError(outcome.Error, plan.Address.ToString());
        }

        private object Target() => (object?)AllocationId ?? PublicIp ?? PrivateIp ?? "self";
    }
}
