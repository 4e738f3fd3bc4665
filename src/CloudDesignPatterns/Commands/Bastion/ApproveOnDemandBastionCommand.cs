using System;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>
    /// Approves bastion requests: adds the approval tags. Refuses a request the caller made (both identities from STS),
    /// an expired one, and one over the limits. Only the BastionApprover role may write these tags.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "OnDemandBastion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BastionRequest))]
    public sealed class ApproveOnDemandBastionCommand : BastionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        [Alias("GroupId")]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        [Parameter]
        [DurationTransformation]
        public TimeSpan MaxDuration { get; set; } = BastionRules.DefaultMaxDuration;

        [Parameter]
        public SwitchParameter AllowAnySource { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in RequestId)
                ForRequest(id, () =>
                {
                    var plan = Run((log, ct) => BastionApprover.PlanAsync(SessionFor(log), id, MaxDuration, AllowAnySource, ct));
                    if (!Confirm(id, plan.Describe())) return;
                    WriteObject(Run((log, ct) => BastionApprover.ExecuteAsync(SessionFor(log), plan, ct)));
                });
        }
    }
}
