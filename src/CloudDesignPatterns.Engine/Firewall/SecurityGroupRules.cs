using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>
    /// The rule-level EC2 calls both firewall patterns share: read a group's ingress rules with their ids and tags,
    /// authorize rules (tagged at creation), revoke rules and set
    /// their descriptions by id. Translates between <see cref="RuleSpec"/> and the SDK.
    /// </summary>
    internal static class SecurityGroupRules
    {
        public static async Task<List<(string GroupId, ObservedRule Rule)>> ReadIngressAsync(Ec2Session ec2, IReadOnlyCollection<string> groupIds, CancellationToken cancel)
        {
            var found = new List<(string, ObservedRule)>();
            foreach (var batch in FilterValues.Batches(groupIds))
            {
                var rules = await ec2.CallPagesAsync("DescribeSecurityGroupRules", string.Join(",", batch),
                    (c, token, ct) => c.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
                    {
                        Filters = new List<Filter> { new Filter("group-id", batch) },
                        NextToken = token,
                    }, ct),
                    page => page.SecurityGroupRules, page => page.NextToken, cancel).ConfigureAwait(false);
                foreach (var r in rules.Where(r => r.IsEgress != true))
                    found.Add((r.GroupId, new ObservedRule(r.SecurityGroupRuleId, ToSpec(r),
                        (r.Tags ?? new List<Tag>()).ToDictionary(t => t.Key, t => t.Value))));
            }
            return found;
        }

        public static RuleSpec ToSpec(SecurityGroupRule r)
        {
            var protocol = RuleSpec.NormalizeProtocol(r.IpProtocol);
            int? from = protocol == "-1" ? null : r.FromPort, to = protocol == "-1" ? null : r.ToPort;
            if (r.CidrIpv4 != null) return new RuleSpec(protocol, from, to, SourceKind.Ipv4Cidr, r.CidrIpv4, r.Description);
            if (r.CidrIpv6 != null) return new RuleSpec(protocol, from, to, SourceKind.Ipv6Cidr, r.CidrIpv6, r.Description);
            if (r.PrefixListId != null) return new RuleSpec(protocol, from, to, SourceKind.PrefixList, r.PrefixListId, r.Description);
            return new RuleSpec(protocol, from, to, SourceKind.SecurityGroup, r.ReferencedGroupInfo?.GroupId ?? "", r.Description);
        }

        public static IpPermission ToPermission(RuleSpec rule)
        {
            var p = new IpPermission { IpProtocol = rule.Protocol };
            if (rule.Protocol != "-1") { p.FromPort = rule.FromPort; p.ToPort = rule.ToPort; }
            switch (rule.SourceKind)
            {
                case SourceKind.Ipv4Cidr: p.Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = rule.Source, Description = rule.Description } }; break;
                case SourceKind.Ipv6Cidr: p.Ipv6Ranges = new List<Ipv6Range> { new Ipv6Range { CidrIpv6 = rule.Source, Description = rule.Description } }; break;
                case SourceKind.PrefixList: p.PrefixListIds = new List<PrefixListId> { new PrefixListId { Id = rule.Source, Description = rule.Description } }; break;
                default: p.UserIdGroupPairs = new List<UserIdGroupPair> { new UserIdGroupPair { GroupId = rule.Source, Description = rule.Description } }; break;
            }
            return p;
        }

        /// <summary>Authorizes the rules in one call, tagged at creation; returns the new rule ids in request order.</summary>
        public static async Task<List<string>> AuthorizeAsync(Ec2Session ec2, string groupId, IReadOnlyList<RuleSpec> rules,
            IDictionary<string, string> tags, CancellationToken cancel)
        {
            var answer = await ec2.CallAsync("AuthorizeSecurityGroupIngress", groupId, false, (c, ct) => c.AuthorizeSecurityGroupIngressAsync(
                new AuthorizeSecurityGroupIngressRequest
                {
                    GroupId = groupId,
                    IpPermissions = rules.Select(ToPermission).ToList(),
                    TagSpecifications = new List<TagSpecification>
                    {
                        new TagSpecification { ResourceType = "security-group-rule", Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() },
                    },
                }, ct), cancel).ConfigureAwait(false);
            var created = answer.SecurityGroupRules ?? new List<SecurityGroupRule>();
            return rules.Select(rule => created.FirstOrDefault(c => ToSpec(c).Equals(rule))?.SecurityGroupRuleId ?? "").ToList();
        }

        public static Task RevokeAsync(Ec2Session ec2, string groupId, IReadOnlyList<string> ruleIds, CancellationToken cancel) =>
            ec2.CallAsync("RevokeSecurityGroupIngress", groupId, true, (c, ct) => c.RevokeSecurityGroupIngressAsync(
                new RevokeSecurityGroupIngressRequest { GroupId = groupId, SecurityGroupRuleIds = ruleIds.ToList() }, ct), cancel);

        /// <summary>Sets the descriptions of ingress rules by rule id, in one call for the group.</summary>
        public static Task UpdateDescriptionsAsync(Ec2Session ec2, string groupId, IReadOnlyList<(string RuleId, string Description)> descriptions,
            CancellationToken cancel) =>
            ec2.CallAsync("UpdateSecurityGroupRuleDescriptionsIngress", groupId, true, (c, ct) => c.UpdateSecurityGroupRuleDescriptionsIngressAsync(
                new UpdateSecurityGroupRuleDescriptionsIngressRequest
                {
                    GroupId = groupId,
                    SecurityGroupRuleDescriptions = descriptions
                        .Select(d => new SecurityGroupRuleDescription { SecurityGroupRuleId = d.RuleId, Description = d.Description }).ToList(),
                }, ct), cancel);
    }
}
