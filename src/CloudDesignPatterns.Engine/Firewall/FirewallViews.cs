using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>The typed records Get- and Test-OperationalFirewall write, from what was read and planned.</summary>
    public static class FirewallViews
    {
        public static IEnumerable<FirewallTeam> Teams(ObservedFirewall observed, string region) =>
            observed.Groups.OrderBy(g => g.Team, System.StringComparer.Ordinal).Select(g => new FirewallTeam
            {
                Region = region,
                Team = g.Team,
                SecurityGroupId = g.GroupId,
                GroupName = g.GroupName,
                VpcId = observed.VpcId,
                Rules = g.Rules.Select(r => new FirewallRule
                {
                    SecurityGroupRuleId = r.RuleId, Protocol = r.Spec.Protocol, FromPort = r.Spec.FromPort, ToPort = r.Spec.ToPort,
                    Source = r.Spec.Source, Description = r.Spec.Description,
                }).ToList(),
                Attachments = observed.Interfaces.Where(e => e.GroupIds.Contains(g.GroupId))
                    .Select(e => new FirewallAttachment { InstanceId = e.InstanceId, NetworkInterfaceId = e.NetworkInterfaceId }).ToList(),
            });

        public static IEnumerable<FirewallDrift> Drift(FirewallPlan plan, string region) =>
            plan.Drift.Select(d => new FirewallDrift
            {
                Region = region,
                Team = d.Team,
                Kind = d.Drift.ToString(),
                SecurityGroupId = d.GroupId,
                SecurityGroupRuleId = d.RuleId,
                Rule = d.Rule?.ToString(),
                DeclaredDescription = d.Drift == DriftKind.RuleDescription ? d.Rule?.Description : null,
                ObservedDescription = d.ObservedDescription,
                InstanceId = d.InstanceId,
                NetworkInterfaceId = d.NetworkInterfaceId,
            });
    }
}
