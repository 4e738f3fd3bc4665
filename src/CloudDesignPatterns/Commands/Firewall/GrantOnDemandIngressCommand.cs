using System;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.OnDemandIngress;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>Opens one port of a security group to one source for a bounded time (at most 8 hours).</summary>
    [Cmdlet(VerbsSecurity.Grant, "OnDemandIngress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OnDemandGrant))]
    public sealed class GrantOnDemandIngressCommand : AwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        public string SecurityGroupId { get; set; } = "";

        [Parameter(Mandatory = true)]
        public int Port { get; set; }

        [Parameter]
        [ValidateSet("tcp", "udp")]
        public string Protocol { get; set; } = "tcp";

        /// <summary>The one source let in, e.g. 203.0.113.7/32.</summary>
        [Parameter(Mandatory = true)]
        public string Cidr { get; set; } = "";

        [Parameter(Mandatory = true)]
        [DurationTransformation]
        public TimeSpan Duration { get; set; }

        /// <summary>Who the grant is for (recorded in the rule's description and tags); default: the caller as STS names them.</summary>
        [Parameter]
        public string? Grantee { get; set; }

        /// <summary>Allows 0.0.0.0/0 or ::/0. -Force does not.</summary>
        [Parameter] public SwitchParameter AllowAnySource { get; set; }

        /// <summary>Skips the confirmation prompt; never lifts the duration cap or the open-world refusal.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            GrantRequest request;
            try { request = GrantRequest.Create(SecurityGroupId, Port, Protocol, Cidr, Duration, Grantee, AllowAnySource); }
            catch (PatternException e) { ThrowPatternError(e, SecurityGroupId); return; }
            if (!(Force && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) && !ShouldProcess(request.SecurityGroupId, $"Grant {request.Rule} to {request.Grantee ?? "the caller (from STS)"} for {request.Duration}")) return;
            try
            {
                WriteObject(RunOrThrowItem(request));
            }
            catch (PatternException e) { WritePatternError(e, request.SecurityGroupId); }
        }

        private OnDemandGrant RunOrThrowItem(GrantRequest request) => Run(async (log, ct) =>
        {
            var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
            return await OnDemandIngressService.GrantAsync(ec2, request, DateTime.UtcNow, ct).ConfigureAwait(false);
        });
    }
}
