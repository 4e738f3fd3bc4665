using System;
using System.Collections.Generic;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>
    /// Removes bastions: terminates the instance, then deletes its security group once the instance is gone. -Expired
    /// sweeps every expired request and bastion (a scheduled task) and never touches anything that is not one of them.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "OnDemandBastion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(BastionRemoval))]
    public sealed class StopOnDemandBastionCommand : BastionCmdlet
    {
        private const string ByIdSet = "RequestId";
        private const string ExpiredSet = "Expired";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        [Alias("GroupId")]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ExpiredSet, Mandatory = true)]
        public SwitchParameter Expired { get; set; }

        /// <summary>How long to wait for termination, and then for the group to be free to delete.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 300;

        protected override void ProcessRecord()
        {
            if (Expired) return;
            foreach (var id in RequestId)
                ForRequest(id, () => StopOne(Run((log, ct) => BastionStopper.PlanAsync(SessionFor(log), id, ct))));
        }

        protected override void EndProcessing()
        {
            if (!Expired) return;
            ResolveContextOnce();
            List<BastionStopItem> items = RunOrThrow((log, ct) => BastionStopper.PlanExpiredAsync(SessionFor(log), ct), "expired bastions");
            WriteVerbose($"{items.Count} expired bastion request(s) to remove.");
            foreach (var item in items) ForItem(item.RequestId, () => StopOne(item));
        }

        private void StopOne(BastionStopItem item)
        {
            if (!Confirm(item.RequestId, item.Describe())) return;
            WriteObject(Run((log, ct) => BastionStopper.ExecuteAsync(SessionFor(log), item, TimeSpan.FromSeconds(TimeoutSec), ct)));
        }
    }
}
