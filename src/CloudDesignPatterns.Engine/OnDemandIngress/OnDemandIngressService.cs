using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Engine.OnDemandIngress
{
    /// <summary>
    /// Grants, lists and revokes time-limited ingress rules. AWS keeps one rule per (group, protocol, port, source):
    /// a second grant on the same rule is a second grant tag on it, and the rule is revoked only with its last live grant.
    /// Only rules carrying cdp:managed-by and a grant tag are ever touched.
    /// </summary>
    public static class OnDemandIngressService
    {
        public static async Task<OnDemandGrant> GrantAsync(Ec2Session ec2, GrantRequest request, DateTime nowUtc, CancellationToken cancel)
        {
            // No -Grantee: record who really asked, as STS names the caller, not a local user name anyone can set.
            if (request.Grantee == null)
            {
                var caller = await CallerIdentityReader.ReadAsync(ec2, cancel).ConfigureAwait(false);
                request = request.WithGrantee(GrantRequest.GranteeFromArn(caller.Arn));
                ec2.Log.Verbose($"Grantee: {request.Grantee} ({caller.Arn}).");
            }
            var grantee = request.Grantee!;
            var rules = await SecurityGroupRules.ReadIngressAsync(ec2, new[] { request.SecurityGroupId }, cancel).ConfigureAwait(false);
            var grantId = GrantTags.NewGrantId();
            var expires = nowUtc.Add(request.Duration);
            expires = new DateTime(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            var existing = rules.Select(r => r.Rule).FirstOrDefault(r => r.Spec.Equals(request.Rule));
            string ruleId;
            string status;
            if (existing == null)
            {
                var spec = new RuleSpec(request.Rule.Protocol, request.Port, request.Port, request.Rule.SourceKind, request.Rule.Source,
                    GrantTags.Description(expires, grantee, 1));
                var ids = await SecurityGroupRules.AuthorizeAsync(ec2, request.SecurityGroupId, new[] { spec }, new Dictionary<string, string>
                {
                    [ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue,
                    [GrantTags.Key(grantId)] = GrantTags.Value(expires, grantee),
                }, cancel).ConfigureAwait(false);
                ruleId = ids[0];
                status = "Granted";
            }
            else
            {
                if (!IsModuleGrantRule(existing))
                    throw new PatternException("RuleNotManaged", PatternErrorCategory.ResourceExists,
                        $"{request.SecurityGroupId} already allows {request.Rule} through rule {existing.RuleId}, which this module did not grant; it is left alone.");
                ruleId = existing.RuleId;
                await TagAsync(ec2, ruleId, GrantTags.Key(grantId), GrantTags.Value(expires, grantee), cancel).ConfigureAwait(false);
                status = "Shared";
            }
            var after = await ReadGrantsAsync(ec2, new[] { request.SecurityGroupId }, nowUtc, cancel).ConfigureAwait(false);
            var grant = after.FirstOrDefault(g => g.GrantId == grantId)
                ?? throw new PatternException("GrantNotVerified", PatternErrorCategory.InvalidData, $"Grant {grantId} on {ruleId} was not found when read back.");
            grant.Status = status;
            return grant;
        }

        /// <summary>Every grant on the given groups (null: every group in the region), expired ones included.</summary>
        public static async Task<List<OnDemandGrant>> ReadGrantsAsync(Ec2Session ec2, IReadOnlyCollection<string>? groupIds, DateTime nowUtc, CancellationToken cancel)
        {
            var rules = await ec2.CallPagesAsync("DescribeSecurityGroupRules", groupIds == null ? "*" : string.Join(",", groupIds),
                (c, token, ct) => c.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
                {
                    Filters = groupIds == null
                        ? new List<Filter> { new Filter("tag:" + ManagedTags.ManagedByKey, new List<string> { ManagedTags.ManagedByValue }) }
                        : new List<Filter> { new Filter("group-id", groupIds.ToList()), new Filter("tag:" + ManagedTags.ManagedByKey, new List<string> { ManagedTags.ManagedByValue }) },
                    NextToken = token,
                }, ct), page => page.SecurityGroupRules, page => page.NextToken, cancel).ConfigureAwait(false);
            var grants = new List<OnDemandGrant>();
            foreach (var rule in rules.Where(r => r.IsEgress != true))
            {
                var tags = (rule.Tags ?? new List<Tag>()).ToDictionary(t => t.Key, t => t.Value);
                var spec = SecurityGroupRules.ToSpec(rule);
                foreach (var g in GrantTags.Read(tags))
                    grants.Add(new OnDemandGrant
                    {
                        Region = ec2.Region, GrantId = g.GrantId, SecurityGroupId = rule.GroupId, SecurityGroupRuleId = rule.SecurityGroupRuleId,
                        Grantee = g.Grantee, Protocol = spec.Protocol, Port = spec.FromPort ?? 0, Cidr = spec.Source, ExpiresUtc = g.ExpiresUtc,
                        Remaining = g.ExpiresUtc > nowUtc ? g.ExpiresUtc - nowUtc : TimeSpan.Zero, Expired = g.ExpiresUtc <= nowUtc, Status = "Active",
                    });
            }
            return grants;
        }

        /// <summary>
        /// Ends grants: each grant tag is deleted; a rule whose grants are all ended (or expired) is revoked. Returns the
        /// grants with Status Revoked or RuleRevoked.
        /// </summary>
        public static async Task<List<OnDemandGrant>> RevokeAsync(Ec2Session ec2, IReadOnlyList<OnDemandGrant> ending, DateTime nowUtc, CancellationToken cancel)
        {
            var results = new List<OnDemandGrant>();
            foreach (var rule in ending.GroupBy(g => (g.SecurityGroupId, g.SecurityGroupRuleId)))
            {
                var all = await ReadGrantsAsync(ec2, new[] { rule.Key.SecurityGroupId }, nowUtc, cancel).ConfigureAwait(false);
                var onRule = all.Where(g => g.SecurityGroupRuleId == rule.Key.SecurityGroupRuleId).ToList();
                var endingIds = rule.Select(g => g.GrantId).ToList();
                var unknown = endingIds.Where(id => onRule.All(g => g.GrantId != id)).ToList();
                if (unknown.Count > 0)
                    throw new PatternException("GrantNotFound", PatternErrorCategory.ObjectNotFound,
                        $"No grant {string.Join(", ", unknown)} on rule {rule.Key.SecurityGroupRuleId} of {rule.Key.SecurityGroupId}.");
                var live = onRule.Where(g => !endingIds.Contains(g.GrantId) && !g.Expired).ToList();
                if (live.Count == 0)
                {
                    await SecurityGroupRules.RevokeAsync(ec2, rule.Key.SecurityGroupId, new[] { rule.Key.SecurityGroupRuleId }, cancel).ConfigureAwait(false);
                    foreach (var g in onRule.Where(g => endingIds.Contains(g.GrantId))) { g.Status = "RuleRevoked"; results.Add(g); }
                }
                else
                {
                    await ec2.CallAsync("DeleteTags", rule.Key.SecurityGroupRuleId, true, (c, ct) => c.DeleteTagsAsync(new DeleteTagsRequest
                    {
                        Resources = new List<string> { rule.Key.SecurityGroupRuleId },
                        Tags = endingIds.Select(id => new Tag { Key = GrantTags.Key(id) }).ToList(),
                    }, ct), cancel).ConfigureAwait(false);
                    foreach (var g in onRule.Where(g => endingIds.Contains(g.GrantId))) { g.Status = "Revoked"; results.Add(g); }
                }
            }
            return results;
        }

        private static bool IsModuleGrantRule(ObservedRule rule) =>
            rule.Tags.TryGetValue(ManagedTags.ManagedByKey, out var v) && v == ManagedTags.ManagedByValue && GrantTags.Read(rule.Tags).Count > 0;

        private static Task TagAsync(Ec2Session ec2, string ruleId, string key, string value, CancellationToken cancel) =>
            ec2.CallAsync("CreateTags", ruleId, true, (c, ct) => c.CreateTagsAsync(new CreateTagsRequest
            {
                Resources = new List<string> { ruleId },
                Tags = new List<Tag> { new Tag(key, value) },
            }, ct), cancel);
    }
}
