using System;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>
    /// Asks for a bastion: creates the request (the bastion's own security group, with no ingress) tagged with who asks
    /// (from STS), from which address, on which port, for how long and why. Someone else approves it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Request, "OnDemandBastion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BastionRequest))]
    public sealed class RequestOnDemandBastionCommand : BastionCmdlet
    {
        /// <summary>The requester's own address (203.0.113.7 or 203.0.113.7/32); a range needs -AllowAnySource.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("SourceCidr", "Cidr")]
        public string SourceAddress { get; set; } = "";

        [Parameter(Mandatory = true)]
        [DurationTransformation]
        public TimeSpan Duration { get; set; }

        [Parameter(Mandatory = true)]
        public string Reason { get; set; } = "";

        [Parameter]
        public int Port { get; set; } = 22;

        /// <summary>The VPC of the request's security group; else the cdp:bastion:vpc-id setting of this instance, else the default VPC.</summary>
        [Parameter]
        public string? VpcId { get; set; }

        /// <summary>The longest duration accepted (default 8 hours).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan MaxDuration { get; set; } = BastionRules.DefaultMaxDuration;

        /// <summary>Allow a source that is a range (or the whole internet) instead of one address.</summary>
        [Parameter]
        public SwitchParameter AllowAnySource { get; set; }

        private BastionRequestPlan? plan;

        protected override void BeginProcessing()
        {
            try { plan = BastionRequester.Plan(SourceAddress, AllowAnySource, Port, Duration, MaxDuration, Reason, VpcId); }
            catch (PatternException bad) { ThrowPatternError(bad, SourceAddress); }
        }

        protected override void EndProcessing()
        {
            ResolveContextOnce();
            ForItem(SourceAddress, () =>
            {
                var configured = Run((log, ct) => BastionRequester.WithConfiguredVpcAsync(SessionFor(log), plan!, ct));
                if (!Confirm(configured.Source.Cidr, configured.Describe())) return;
                WriteObject(Run((log, ct) => BastionRequester.ExecuteAsync(SessionFor(log), configured, ct)));
            });
        }
    }
}
