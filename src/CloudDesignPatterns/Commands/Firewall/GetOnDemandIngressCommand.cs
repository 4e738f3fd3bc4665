using System;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.OnDemandIngress;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>The on-demand grants in a region (or on some groups), with their remaining time. Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "OnDemandIngress")]
    [OutputType(typeof(OnDemandGrant))]
    public sealed class GetOnDemandIngressCommand : AwsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^sg-([0-9a-f]{8}|[0-9a-f]{17})$")]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        public string[]? SecurityGroupId { get; set; }

        /// <summary>Only grants whose time is up.</summary>
        [Parameter] public SwitchParameter Expired { get; set; }

        protected override void ProcessRecord()
        {
            var grants = RunOrThrow(async (log, ct) =>
            {
                var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                return await OnDemandIngressService.ReadGrantsAsync(ec2, SecurityGroupId, DateTime.UtcNow, ct).ConfigureAwait(false);
            });
            foreach (var g in grants.Where(g => !Expired || g.Expired).OrderBy(g => g.ExpiresUtc)) WriteObject(g);
        }
    }
}
