using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>
    /// Rule-level security group actions: DescribeSecurityGroupRules, and ModifySecurityGroupRules (descriptions).
    /// An interface's groups (ModifyNetworkInterfaceAttribute SecurityGroupId.N) are set in NetworkAttributeHandlers.
    /// </summary>
    internal static class SecurityGroupRuleHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeSecurityGroupRules"] = DescribeSecurityGroupRules;
            map["ModifySecurityGroupRules"] = ModifySecurityGroupRules;
        }

        private sealed class RuleRow : Ec2Resource
        {
            public RuleRow(SecurityGroupRecord group, PermissionRule rule, bool egress) : base(rule.Id)
            {
                Group = group; Rule = rule; Egress = egress;
                foreach (var t in rule.Tags) Tags[t.Key] = t.Value;
            }

            public override string ResourceType => "security-group-rule";
            public SecurityGroupRecord Group { get; }
            public PermissionRule Rule { get; }
            public bool Egress { get; }
        }

        private static readonly FilterSpec<RuleRow> Spec = new FilterSpec<RuleRow>
        {
            ["group-id"] = r => FilterSpec<RuleRow>.One(r.Group.Id),
            ["security-group-rule-id"] = r => FilterSpec<RuleRow>.One(r.Rule.Id),
        };

        private static IEnumerable<RuleRow> Rows(RegionState region) =>
            region.SecurityGroups.Values.SelectMany(g =>
                g.Ingress.Select(r => new RuleRow(g, r, false)).Concat(g.Egress.Select(r => new RuleRow(g, r, true))));

        private static IEnumerable<object?> DescribeSecurityGroupRules(Ec2Context ctx)
        {
            var ids = ctx.P.List("SecurityGroupRuleId");
            foreach (var id in ids) IdKind.SecurityGroupRule.CheckFormat(id);
            var rows = Rows(ctx.Region).ToList();
            var missing = ids.Where(id => rows.All(r => r.Id != id)).ToList();
            if (missing.Count > 0) throw IdKind.SecurityGroupRule.NotFound(missing);
            Ec2ActionPolicy.Describe(ctx.Auth);
            var chosen = ids.Count == 0 ? rows : rows.Where(r => ids.Contains(r.Id)).ToList();
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(chosen, Spec), ctx.P);
            yield return Set("securityGroupRuleSet", page, r => FirewallRoutingXml.SecurityGroupRule(r.Group, r.Rule, r.Egress, ctx.Region.Name, ctx.Account));
            yield return Opt("nextToken", next);
        }

        /// <summary>Changes rule descriptions only (the module never rewrites a rule's source or ports in place).</summary>
        private static IEnumerable<object?> ModifySecurityGroupRules(Ec2Context ctx)
        {
            var group = IdKind.SecurityGroup.Find(ctx.Region.SecurityGroups, ctx.P.Required("GroupId"));
            var changes = new List<(PermissionRule rule, string? description)>();
            foreach (var item in ctx.P.Structs("SecurityGroupRule"))
            {
                var id = item.Required("SecurityGroupRuleId");
                IdKind.SecurityGroupRule.CheckFormat(id);
                var rule = group.Ingress.Concat(group.Egress).FirstOrDefault(r => r.Id == id)
                    ?? throw IdKind.SecurityGroupRule.NotFound(id);
                changes.Add((rule, item.Child("SecurityGroupRule").Get("Description")));
            }
            Ec2ActionPolicy.SecurityGroup(ctx.Auth, group);
            foreach (var (rule, description) in changes) rule.Description = description;
            yield return E("return", "true");
        }
    }
}
