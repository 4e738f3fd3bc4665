using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>
    /// The pure diff between a declaration and what AWS holds: what -WhatIf prints, what Test-OperationalFirewall
    /// reports, and what Set-OperationalFirewall executes. No I/O.
    /// </summary>
    public static class FirewallPlanner
    {
        /// <summary>Tag prefix of On-demand Firewall grants: a rule carrying one is never pruned by the team firewall.</summary>
        public const string OnDemandTagPrefix = "cdp:ondemand:";

        public static FirewallPlan Plan(FirewallDeclaration declaration, ObservedFirewall observed, bool prune)
        {
            var items = new List<FirewallItem>();
            var groupOfTeam = new Dictionary<string, ObservedGroup?>(StringComparer.Ordinal);
            foreach (var team in declaration.Teams)
            {
                var group = observed.Groups.FirstOrDefault(g => g.Team == team.Name);
                groupOfTeam[team.Name] = group;
                if (group == null) items.Add(new FirewallItem(DriftKind.MissingGroup, team.Name));
                foreach (var rule in team.Rules)
                {
                    var match = group?.Rules.FirstOrDefault(r => r.Spec.Equals(rule));
                    if (match == null)
                        items.Add(new FirewallItem(DriftKind.MissingRule, team.Name) { GroupId = group?.GroupId, Rule = rule });
                    else if (DescriptionDrifted(rule, match.Spec))
                        items.Add(new FirewallItem(DriftKind.RuleDescription, team.Name)
                            { GroupId = group!.GroupId, Rule = rule, RuleId = match.RuleId, ObservedDescription = match.Spec.Description });
                }
                if (group != null)
                    foreach (var rule in group.Rules.Where(r => !team.Rules.Contains(r.Spec) && !IsOnDemand(r)))
                        items.Add(new FirewallItem(DriftKind.ExtraRule, team.Name) { GroupId = group.GroupId, Rule = rule.Spec, RuleId = rule.RuleId });
                foreach (var eni in observed.Interfaces)
                {
                    var selected = Selects(team, eni);
                    var carries = group != null && eni.GroupIds.Contains(group.GroupId);
                    if (selected && !carries)
                        items.Add(Attachment(DriftKind.MissingAttachment, team.Name, group?.GroupId, eni));
                    else if (!selected && carries)
                        items.Add(Attachment(DriftKind.ExtraAttachment, team.Name, group!.GroupId, eni));
                }
            }
            foreach (var group in observed.Groups.Where(g => declaration.Teams.All(t => t.Name != g.Team)))
                items.Add(new FirewallItem(DriftKind.UndeclaredGroup, group.Team) { GroupId = group.GroupId });
            var plan = new FirewallPlan(observed.VpcId, items, new List<string>(), prune);
            return new FirewallPlan(observed.VpcId, items, QuotaProblems(declaration, observed, plan), prune);
        }

        /// <summary>An instance is selected when its tags hold every AttachTo pair; a team without AttachTo selects none.</summary>
        public static bool Selects(TeamDeclaration team, ObservedInterface eni) =>
            team.AttachTo.Count > 0 && team.AttachTo.All(t => eni.InstanceTags.TryGetValue(t.Key, out var v) && v == t.Value);

        /// <summary>
        /// The description is the audit trail of a rule ("who asked for this port"), so a declared one must hold exactly;
        /// a rule declared without one leaves whatever AWS holds alone.
        /// </summary>
        private static bool DescriptionDrifted(RuleSpec declared, RuleSpec observed) =>
            declared.Description != null && !string.Equals(declared.Description, observed.Description, StringComparison.Ordinal);

        private static bool IsOnDemand(ObservedRule rule) => rule.Tags.Keys.Any(k => k.StartsWith(OnDemandTagPrefix, StringComparison.Ordinal));

        private static FirewallItem Attachment(DriftKind kind, string team, string? groupId, ObservedInterface eni) =>
            new FirewallItem(kind, team) { GroupId = groupId, InstanceId = eni.InstanceId, NetworkInterfaceId = eni.NetworkInterfaceId };

        /// <summary>The rule count of each group and the group count of each interface after the changes, against the quotas.</summary>
        private static List<string> QuotaProblems(FirewallDeclaration declaration, ObservedFirewall observed, FirewallPlan plan)
        {
            var problems = new List<string>();
            var changes = plan.Changes;
            foreach (var team in declaration.Teams)
            {
                var group = observed.Groups.FirstOrDefault(g => g.Team == team.Name);
                var after = (group?.Rules.Count ?? 0)
                    + changes.Count(c => c.Team == team.Name && c.Action == FirewallAction.AuthorizeRule)
                    - changes.Count(c => c.Team == team.Name && c.Action == FirewallAction.RevokeRule);
                if (after > declaration.RulesPerGroup)
                    problems.Add($"Team '{team.Name}' would have {after} inbound rules; the quota is {declaration.RulesPerGroup} rules per security group (RulesPerSecurityGroupLimitExceeded).");
            }
            foreach (var eni in observed.Interfaces)
            {
                var after = eni.GroupIds.Count
                    + changes.Count(c => c.NetworkInterfaceId == eni.NetworkInterfaceId && c.Action == FirewallAction.AttachGroup)
                    - changes.Count(c => c.NetworkInterfaceId == eni.NetworkInterfaceId && c.Action == FirewallAction.DetachGroup);
                if (after > declaration.GroupsPerInterface)
                    problems.Add($"Interface {eni.NetworkInterfaceId} of {eni.InstanceId} would carry {after} security groups; the quota is {declaration.GroupsPerInterface} per interface (SecurityGroupsPerInterfaceLimitExceeded).");
                if (after < 1)
                    problems.Add($"Interface {eni.NetworkInterfaceId} of {eni.InstanceId} would be left with no security group; AWS requires at least one.");
            }
            return problems;
        }
    }
}
