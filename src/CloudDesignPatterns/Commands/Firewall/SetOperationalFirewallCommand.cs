using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>Converges the team security groups to the declaration: one record per change; a second run changes nothing.</summary>
    [Cmdlet(VerbsCommon.Set, "OperationalFirewall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FirewallChange))]
    public sealed class SetOperationalFirewallCommand : FirewallCmdlet
    {
        /// <summary>Also revoke undeclared rules and detach the groups from instances the declaration does not select.</summary>
        [Parameter] public SwitchParameter Prune { get; set; }

        /// <summary>Skips the confirmation prompts (for scheduled runs); never lifts a quota.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            var declaration = ReadDeclaration();
            ResolveContextOnce();
            var (ec2, plan) = RunOrThrow(async (log, ct) =>
            {
                var session = SessionFor(log);
                var vpc = await FirewallReader.ResolveVpcAsync(session, declaration.VpcId, ct).ConfigureAwait(false);
                return (session, FirewallPlanner.Plan(declaration, await FirewallReader.ReadAsync(session, vpc, ct).ConfigureAwait(false), Prune));
            });
            if (plan.QuotaProblems.Count > 0)
                ThrowPatternError(new PatternException("FirewallQuotaExceeded", PatternErrorCategory.LimitsExceeded,
                    string.Join(" ", plan.QuotaProblems) + " Nothing was changed."), declaration);
            var approved = new List<FirewallItem>();
            foreach (var item in plan.Changes)
            {
                var target = item.GroupId ?? $"team {item.Team} ({declaration.Teams.First(t => t.Name == item.Team).GroupName})";
                var what = item.Action + (item.Rule != null ? $" {item.Rule}" : "") + (item.NetworkInterfaceId != null ? $" on {item.InstanceId}/{item.NetworkInterfaceId}" : "")
                    + (item.Drift == DriftKind.RuleDescription ? $" to '{item.Rule!.Description}' (was '{item.ObservedDescription}')" : "");
                var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
                if (whatIf || !(Force || ShouldProcess(target, what)))
                {
                    if (whatIf) ShouldProcess(target, what);
                    WriteObject(FirewallConverger.Record(ec2, item, "Planned"));
                    continue;
                }
                approved.Add(item);
            }
            if (approved.Count == 0) return;
            var outcomes = Run((log, ct) => FirewallConverger.ExecuteAsync(ec2.WithLog(log), declaration, plan, approved, ct));
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null) WritePatternError(outcome.Error, outcome.Change);
                WriteObject(outcome.Change);
            }
        }
    }
}
