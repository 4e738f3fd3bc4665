using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>
    /// Executes the approved changes of a <see cref="FirewallPlan"/> with the fewest calls (one create per missing
    /// group, one authorize, one revoke and one description update per group, one interface update per interface,
    /// groups by team in parallel), then reads everything back and marks each change Done or NotVerified. A failure is
    /// reported on its items and the rest goes on.
    /// </summary>
    public static class FirewallConverger
    {
        public static async Task<List<FirewallOutcome>> ExecuteAsync(Ec2Session ec2, FirewallDeclaration declaration, FirewallPlan plan,
            IReadOnlyList<FirewallItem> approved, CancellationToken cancel)
        {
            var outcomes = approved.ToDictionary(item => item, item => (FirewallOutcome?)null);
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);

            // Each team's group and rules: independent of the other teams, so teams run concurrently.
            await Task.WhenAll(declaration.Teams.Select(async team =>
            {
                var items = approved.Where(i => i.Team == team.Name).ToList();
                var groupId = items.Select(i => i.GroupId).FirstOrDefault(id => id != null);
                var create = items.FirstOrDefault(i => i.Action == FirewallAction.CreateGroup);
                if (create != null)
                {
                    try { groupId = await CreateGroupAsync(ec2, plan.VpcId, team, cancel).ConfigureAwait(false); Done(outcomes, ec2, create, groupId); }
                    catch (PatternException e) { FailAll(outcomes, ec2, items, e); return; }
                }
                if (groupId == null) return;
                lock (groupOf) groupOf[team.Name] = groupId;
                await BatchAsync(outcomes, ec2, groupId, items, FirewallAction.AuthorizeRule, async batch =>
                    await SecurityGroupRules.AuthorizeAsync(ec2, groupId, batch.Select(i => i.Rule!).ToList(), RuleTags(team), cancel).ConfigureAwait(false))
                    .ConfigureAwait(false);
                await BatchAsync(outcomes, ec2, groupId, items, FirewallAction.RevokeRule, async batch =>
                {
                    await SecurityGroupRules.RevokeAsync(ec2, groupId, batch.Select(i => i.RuleId!).ToList(), cancel).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);
                await BatchAsync(outcomes, ec2, groupId, items, FirewallAction.UpdateRuleDescription, async batch =>
                {
                    await SecurityGroupRules.UpdateDescriptionsAsync(ec2, groupId, batch.Select(i => (i.RuleId!, i.Rule!.Description!)).ToList(), cancel)
                        .ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);
            })).ConfigureAwait(false);

            // Interfaces: one ModifyNetworkInterfaceAttribute each, with its other groups kept.
            var observed = await FirewallReader.ReadAsync(ec2, plan.VpcId, cancel).ConfigureAwait(false);
            var byInterface = approved.Where(i => i.Action == FirewallAction.AttachGroup || i.Action == FirewallAction.DetachGroup)
                .Where(i => outcomes[i] == null).GroupBy(i => i.NetworkInterfaceId!);
            await Task.WhenAll(byInterface.Select(async changes =>
            {
                var list = changes.ToList();
                var eni = observed.Interfaces.FirstOrDefault(e => e.NetworkInterfaceId == changes.Key);
                var ready = list.Where(i => groupOf.ContainsKey(i.Team) || i.GroupId != null).ToList();
                if (eni == null || ready.Count == 0) return;
                var groups = eni.GroupIds.ToList();
                foreach (var item in ready)
                {
                    var gid = item.GroupId ?? groupOf[item.Team];
                    if (item.Action == FirewallAction.AttachGroup) { if (!groups.Contains(gid)) groups.Add(gid); }
                    else groups.Remove(gid);
                }
                try
                {
                    await ec2.CallAsync("ModifyNetworkInterfaceAttribute", eni.NetworkInterfaceId, true, (c, ct) => c.ModifyNetworkInterfaceAttributeAsync(
                        new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = eni.NetworkInterfaceId, Groups = groups }, ct), cancel).ConfigureAwait(false);
                    foreach (var item in ready) Done(outcomes, ec2, item, item.GroupId ?? groupOf[item.Team]);
                }
                catch (PatternException e) { FailAll(outcomes, ec2, ready, e); }
            })).ConfigureAwait(false);

            // Verify: what is still drifting after the changes was not made, whatever AWS answered.
            var after = FirewallPlanner.Plan(declaration, await FirewallReader.ReadAsync(ec2, plan.VpcId, cancel).ConfigureAwait(false), plan.Prune);
            foreach (var outcome in outcomes.Values.Where(o => o != null && o.Error == null))
            {
                var change = outcome!.Change;
                var still = after.Changes.Any(d => d.Team == change.Team && d.Action.ToString() == change.Action
                    && d.Rule?.ToString() == change.Rule && d.NetworkInterfaceId == change.NetworkInterfaceId);
                if (still) { change.Status = "NotVerified"; change.Message = "The read-back still shows this drift."; }
            }
            return approved.Select(i => outcomes[i] ?? new FirewallOutcome(Record(ec2, i, "Skipped", i.GroupId, null, "An earlier step for this team failed."))).ToList();
        }

        private static async Task<string> CreateGroupAsync(Ec2Session ec2, string vpcId, TeamDeclaration team, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("CreateSecurityGroup", team.GroupName, false, (c, ct) => c.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = team.GroupName,
                Description = team.Description,
                VpcId = vpcId,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification
                    {
                        ResourceType = "security-group",
                        Tags = new List<Tag>
                        {
                            new Tag(FirewallTags.TeamKey, team.Name), new Tag(ManagedTags.ManagedByKey, ManagedTags.ManagedByValue), new Tag("Name", team.GroupName),
                        },
                    },
                },
            }, ct), cancel).ConfigureAwait(false);
            return answer.GroupId;
        }

        /// <summary>
        /// One call for the team's items of one rule action on its group: each item Done (with the rule id the call
        /// answers, when it answers some) or, when the call fails, each Failed.
        /// </summary>
        private static async Task BatchAsync(Dictionary<FirewallItem, FirewallOutcome?> outcomes, Ec2Session ec2, string groupId,
            IEnumerable<FirewallItem> items, FirewallAction action, Func<List<FirewallItem>, Task<List<string>?>> call)
        {
            var batch = items.Where(i => i.Action == action).ToList();
            if (batch.Count == 0) return;
            try
            {
                var ruleIds = await call(batch).ConfigureAwait(false);
                for (var n = 0; n < batch.Count; n++) Done(outcomes, ec2, batch[n], groupId, ruleIds?[n]);
            }
            catch (PatternException e) { FailAll(outcomes, ec2, batch, e); }
        }

        private static Dictionary<string, string> RuleTags(TeamDeclaration team) => new Dictionary<string, string>
        {
            [FirewallTags.TeamKey] = team.Name,
            [ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue,
        };

        private static void Done(Dictionary<FirewallItem, FirewallOutcome?> outcomes, Ec2Session ec2, FirewallItem item, string groupId, string? ruleId = null)
        {
            lock (outcomes) outcomes[item] = new FirewallOutcome(Record(ec2, item, "Done", groupId, ruleId ?? item.RuleId, null));
        }

        private static void FailAll(Dictionary<FirewallItem, FirewallOutcome?> outcomes, Ec2Session ec2, IEnumerable<FirewallItem> items, PatternException error)
        {
            lock (outcomes)
                foreach (var item in items.Where(i => outcomes[i] == null))
                    outcomes[item] = new FirewallOutcome(Record(ec2, item, "Failed", item.GroupId, item.RuleId, error.Message), error);
        }

        /// <summary>The record of one planned item (Status "Planned" for -WhatIf).</summary>
        public static FirewallChange Record(Ec2Session ec2, FirewallItem item, string status, string? groupId = null, string? ruleId = null, string? message = null) => new FirewallChange
        {
            Region = ec2.Region,
            Team = item.Team,
            Action = item.Action?.ToString() ?? item.Drift.ToString(),
            SecurityGroupId = groupId ?? item.GroupId,
            SecurityGroupRuleId = ruleId ?? item.RuleId,
            Rule = item.Rule?.ToString(),
            InstanceId = item.InstanceId,
            NetworkInterfaceId = item.NetworkInterfaceId,
            Status = status,
            Message = message,
        };
    }
}
