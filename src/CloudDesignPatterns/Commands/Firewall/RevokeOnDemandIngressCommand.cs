using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.OnDemandIngress;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>
    /// Ends one grant (from Get-OnDemandIngress, by property name) or, with -Expired, every expired grant. A rule is
    /// revoked with its last live grant; rules this module did not grant are never touched.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "OnDemandIngress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = GrantSet)]
    [OutputType(typeof(OnDemandGrant))]
    public sealed class RevokeOnDemandIngressCommand : AwsCmdlet
    {
        private const string GrantSet = "Grant";
        private const string ExpiredSet = "Expired";

        [Parameter(ParameterSetName = GrantSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^sg-([0-9a-f]{8}|[0-9a-f]{17})$")]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        public string SecurityGroupId { get; set; } = "";

        [Parameter(ParameterSetName = GrantSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^sgr-([0-9a-f]{8}|[0-9a-f]{17})$")]
        public string SecurityGroupRuleId { get; set; } = "";

        [Parameter(ParameterSetName = GrantSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^odg-[0-9a-f]{12}$")]
        public string GrantId { get; set; } = "";

        /// <summary>Every expired grant in the region (for a scheduled task).</summary>
        [Parameter(ParameterSetName = ExpiredSet, Mandatory = true)]
        public SwitchParameter Expired { get; set; }

        /// <summary>Skips the confirmation prompt (scheduled sweeps).</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            List<OnDemandGrant> ending;
            if (Expired)
                ending = RunOrThrow(async (log, ct) =>
                {
                    var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    return (await OnDemandIngressService.ReadGrantsAsync(ec2, null, DateTime.UtcNow, ct).ConfigureAwait(false)).Where(g => g.Expired).ToList();
                });
            else
                ending = new List<OnDemandGrant> { new OnDemandGrant { SecurityGroupId = SecurityGroupId, SecurityGroupRuleId = SecurityGroupRuleId, GrantId = GrantId } };
            // One revoke per rule, so the grants sharing a rule end together and the rule goes with its last one.
            foreach (var rule in ending.GroupBy(g => (g.SecurityGroupId, g.SecurityGroupRuleId)))
            {
                var grants = rule.ToList();
                var what = $"Revoke grant {string.Join(", ", grants.Select(g => g.GrantId))}";
                if (!(Force && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) && !ShouldProcess($"{rule.Key.SecurityGroupId}/{rule.Key.SecurityGroupRuleId}", what)) continue;
                try
                {
                    var done = Run(async (log, ct) =>
                    {
                        var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                        return await OnDemandIngressService.RevokeAsync(ec2, grants, DateTime.UtcNow, ct).ConfigureAwait(false);
                    });
                    foreach (var g in done) WriteObject(g);
                }
                catch (PatternException e) { WritePatternError(e, grants[0]); }
            }
        }
    }
}
