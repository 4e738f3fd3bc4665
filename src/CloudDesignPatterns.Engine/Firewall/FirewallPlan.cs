using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>In the order a run makes them (the plan's changes are sorted by it).</summary>
    public enum FirewallAction { CreateGroup, AuthorizeRule, RevokeRule, UpdateRuleDescription, AttachGroup, DetachGroup }

    public enum DriftKind { MissingGroup, MissingRule, ExtraRule, RuleDescription, MissingAttachment, ExtraAttachment, UndeclaredGroup }

    /// <summary>One difference between the declaration and AWS, and what converging it takes.</summary>
    public sealed class FirewallItem
    {
        public FirewallItem(DriftKind drift, string team) { Drift = drift; Team = team; }

        public DriftKind Drift { get; }
        public string Team { get; }
        /// <summary>Null for a group that does not exist yet (it is created first in the same run).</summary>
        public string? GroupId { get; set; }
        public RuleSpec? Rule { get; set; }
        public string? RuleId { get; set; }
        /// <summary>For a RuleDescription drift: the description AWS holds (null when the rule has none); Rule holds the declared one.</summary>
        public string? ObservedDescription { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }

        /// <summary>What Set-OperationalFirewall does about it; null when it only reports (an undeclared group).</summary>
        public FirewallAction? Action => Drift switch
        {
            DriftKind.MissingGroup => FirewallAction.CreateGroup,
            DriftKind.MissingRule => FirewallAction.AuthorizeRule,
            DriftKind.ExtraRule => FirewallAction.RevokeRule,
            DriftKind.RuleDescription => FirewallAction.UpdateRuleDescription,
            DriftKind.MissingAttachment => FirewallAction.AttachGroup,
            DriftKind.ExtraAttachment => FirewallAction.DetachGroup,
            _ => null,
        };

        /// <summary>Extra rules and attachments are removed only with -Prune.</summary>
        public bool NeedsPrune => Drift == DriftKind.ExtraRule || Drift == DriftKind.ExtraAttachment;
    }

    /// <summary>The plan: every drift item, and the quota problems that stop the run before any call.</summary>
    public sealed class FirewallPlan
    {
        public FirewallPlan(string vpcId, IReadOnlyList<FirewallItem> drift, IReadOnlyList<string> quotaProblems, bool prune)
        {
            VpcId = vpcId; Drift = drift; QuotaProblems = quotaProblems; Prune = prune;
        }

        public string VpcId { get; }
        public IReadOnlyList<FirewallItem> Drift { get; }
        public IReadOnlyList<string> QuotaProblems { get; }
        public bool Prune { get; }

        /// <summary>The changes Set-OperationalFirewall makes, in execution order.</summary>
        public IReadOnlyList<FirewallItem> Changes => Drift
            .Where(d => d.Action != null && (Prune || !d.NeedsPrune))
            .OrderBy(d => d.Action)
            .ToList();
    }
}
