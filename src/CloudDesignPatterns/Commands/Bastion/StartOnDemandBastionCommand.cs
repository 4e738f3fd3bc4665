using System;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>
    /// Starts the bastion of an approved, unexpired request: one ingress rule for the requester's address, an instance
    /// with IMDSv2 required that terminates itself at expiry (its own countdown in user data). AMI, instance type and
    /// subnet come from the parameters or the cdp:bastion:* settings of the instance this runs on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "OnDemandBastion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BastionSession))]
    public sealed class StartOnDemandBastionCommand : BastionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        [Alias("GroupId")]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        [Parameter]
        public string? ImageId { get; set; }

        [Parameter]
        public string? InstanceType { get; set; }

        [Parameter]
        public string? SubnetId { get; set; }

        [Parameter]
        [DurationTransformation]
        public TimeSpan MaxDuration { get; set; } = BastionRules.DefaultMaxDuration;

        [Parameter]
        public SwitchParameter AllowAnySource { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                if (ImageId != null) ResourceId.Require(ResourceKind.Image, ImageId, nameof(ImageId));
                if (SubnetId != null) ResourceId.Require(ResourceKind.Subnet, SubnetId, nameof(SubnetId));
            }
            catch (ArgumentException bad) { ThrowArgumentError("InvalidBastionLaunchSetting", bad.Message, ImageId ?? SubnetId); }
        }

        protected override void ProcessRecord()
        {
            var options = new BastionStartOptions
            {
                ImageId = ImageId, InstanceType = InstanceType, SubnetId = SubnetId, MaxDuration = MaxDuration, AllowAnySource = AllowAnySource,
            };
            foreach (var id in RequestId)
                ForRequest(id, () =>
                {
                    var plan = Run((log, ct) => BastionStarter.PlanAsync(SessionFor(log), id, options, ct));
                    if (!Confirm(id, plan.Describe())) return;
                    WriteObject(Run((log, ct) => BastionStarter.ExecuteAsync(SessionFor(log), plan, ct)));
                });
        }
    }
}
