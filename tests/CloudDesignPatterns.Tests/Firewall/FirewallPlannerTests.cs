using System.Collections;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Engine.OnDemandIngress;

namespace CloudDesignPatterns.Tests.Firewall
{
    public class FirewallPlannerTests
    {
        private static FirewallDeclaration Web(int rulesPerGroup = 60) => DeclarationReader.Read(new Hashtable
        {
            ["Quotas"] = new Hashtable { ["RulesPerGroup"] = rulesPerGroup },
            ["Teams"] = new Hashtable
            {
                ["web"] = new Hashtable
                {
                    ["Rules"] = new object[] { new Hashtable { ["Port"] = 443, ["Source"] = "10.0.0.0/16" } },
                    ["AttachTo"] = new Hashtable { ["Role"] = "web" },
                },
            },
        });

        private static ObservedInterface Eni(string instance, string role, params string[] groups)
        {
            var eni = new ObservedInterface { InstanceId = instance, NetworkInterfaceId = "eni-" + instance, InstanceTags = new Dictionary<string, string> { ["Role"] = role } };
            eni.GroupIds.AddRange(groups);
            return eni;
        }

        [Fact]
        public void A_missing_team_plans_create_rule_and_attachment_in_that_order()
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            observed.Interfaces.Add(Eni("i-1", "web", "sg-other"));
            observed.Interfaces.Add(Eni("i-2", "db", "sg-other"));
            var plan = FirewallPlanner.Plan(Web(), observed, prune: false);
            Assert.Equal(new FirewallAction?[] { FirewallAction.CreateGroup, FirewallAction.AuthorizeRule, FirewallAction.AttachGroup },
                plan.Changes.Select(c => c.Action).ToArray());
            Assert.Equal("i-1", plan.Changes.Last().InstanceId);
            Assert.Empty(plan.QuotaProblems);
        }

        [Fact]
        public void A_converged_firewall_has_no_drift()
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            var group = new ObservedGroup { GroupId = "sg-web", Team = "web" };
            group.Rules.Add(new ObservedRule("sgr-1", new RuleSpec("tcp", 443, 443, SourceKind.Ipv4Cidr, "10.0.0.0/16", "other description")));
            observed.Groups.Add(group);
            observed.Interfaces.Add(Eni("i-1", "web", "sg-other", "sg-web"));
            Assert.Empty(FirewallPlanner.Plan(Web(), observed, prune: true).Drift);
        }

        [Fact]
        public void Extra_rules_and_attachments_are_removed_only_with_prune_and_on_demand_grants_never()
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            var group = new ObservedGroup { GroupId = "sg-web", Team = "web" };
            group.Rules.Add(new ObservedRule("sgr-1", new RuleSpec("tcp", 443, 443, SourceKind.Ipv4Cidr, "10.0.0.0/16")));
            group.Rules.Add(new ObservedRule("sgr-2", new RuleSpec("tcp", 22, 22, SourceKind.Ipv4Cidr, "0.0.0.0/0")));
            group.Rules.Add(new ObservedRule("sgr-3", new RuleSpec("tcp", 22, 22, SourceKind.Ipv4Cidr, "203.0.113.7/32"),
                new Dictionary<string, string> { [GrantTags.Key("odg-0123456789ab")] = "2030-01-01T00:00:00Z,alice" }));
            observed.Groups.Add(group);
            observed.Interfaces.Add(Eni("i-1", "web", "sg-web"));
            observed.Interfaces.Add(Eni("i-2", "db", "sg-db", "sg-web"));
            Assert.Empty(FirewallPlanner.Plan(Web(), observed, prune: false).Changes);
            var pruned = FirewallPlanner.Plan(Web(), observed, prune: true).Changes;
            Assert.Equal(new[] { "sgr-2" }, pruned.Where(c => c.Action == FirewallAction.RevokeRule).Select(c => c.RuleId).ToArray());
            Assert.Equal(new[] { "i-2" }, pruned.Where(c => c.Action == FirewallAction.DetachGroup).Select(c => c.InstanceId).ToArray());
        }

        [Fact]
        public void Quotas_are_checked_on_the_plan()
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            observed.Interfaces.Add(Eni("i-1", "web", "sg-a", "sg-b", "sg-c", "sg-d", "sg-e"));
            var plan = FirewallPlanner.Plan(Web(rulesPerGroup: 60), observed, prune: false);
            Assert.Contains(plan.QuotaProblems, p => p.Contains("SecurityGroupsPerInterfaceLimitExceeded"));
        }

        private static FirewallDeclaration DescribedRules() => DeclarationReader.Read(new Hashtable
        {
            ["Teams"] = new Hashtable
            {
                ["web"] = new Hashtable
                {
                    ["Rules"] = new object[]
                    {
                        new Hashtable { ["Port"] = 443, ["Source"] = "10.0.0.0/16", ["Description"] = "HTTPS, asked by alice" },
                        new Hashtable { ["Port"] = 22, ["Source"] = "10.0.9.0/24" },
                    },
                },
            },
        });

        private static ObservedFirewall WebGroupWith(params ObservedRule[] rules)
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            var group = new ObservedGroup { GroupId = "sg-web", Team = "web" };
            group.Rules.AddRange(rules);
            observed.Groups.Add(group);
            return observed;
        }

        [Theory]
        [InlineData("HTTPS, asked by bob")]
        [InlineData("https, asked by alice")]
        [InlineData(null)]
        public void A_declared_description_that_differs_in_aws_is_drift_updated_on_the_observed_rule(string? observed)
        {
            var aws = WebGroupWith(
                new ObservedRule("sgr-443", new RuleSpec("tcp", 443, 443, SourceKind.Ipv4Cidr, "10.0.0.0/16", observed)),
                new ObservedRule("sgr-22", new RuleSpec("tcp", 22, 22, SourceKind.Ipv4Cidr, "10.0.9.0/24", "anything")));
            var plan = FirewallPlanner.Plan(DescribedRules(), aws, prune: true);
            var drift = Assert.Single(plan.Drift);
            Assert.Equal(DriftKind.RuleDescription, drift.Drift);
            Assert.Equal(FirewallAction.UpdateRuleDescription, drift.Action);
            Assert.Equal("sg-web", drift.GroupId);
            Assert.Equal("sgr-443", drift.RuleId);
            Assert.Equal("HTTPS, asked by alice", drift.Rule!.Description);
            Assert.Equal(observed, drift.ObservedDescription);
            // Fixing a description removes nothing, so it needs no -Prune.
            Assert.Equal(new FirewallAction?[] { FirewallAction.UpdateRuleDescription },
                FirewallPlanner.Plan(DescribedRules(), aws, prune: false).Changes.Select(c => c.Action).ToArray());
        }

        [Fact]
        public void A_matching_description_or_a_rule_declared_without_one_is_not_drift()
        {
            var plan = FirewallPlanner.Plan(DescribedRules(), WebGroupWith(
                new ObservedRule("sgr-443", new RuleSpec("tcp", 443, 443, SourceKind.Ipv4Cidr, "10.0.0.0/16", "HTTPS, asked by alice")),
                new ObservedRule("sgr-22", new RuleSpec("tcp", 22, 22, SourceKind.Ipv4Cidr, "10.0.9.0/24", "set by hand"))), prune: true);
            Assert.Empty(plan.Drift);
        }

        [Fact]
        public void A_missing_rule_is_authorized_with_its_description_not_also_updated()
        {
            var plan = FirewallPlanner.Plan(DescribedRules(), WebGroupWith(
                new ObservedRule("sgr-22", new RuleSpec("tcp", 22, 22, SourceKind.Ipv4Cidr, "10.0.9.0/24"))), prune: true);
            var change = Assert.Single(plan.Changes);
            Assert.Equal(FirewallAction.AuthorizeRule, change.Action);
            Assert.Equal("HTTPS, asked by alice", change.Rule!.Description);
        }

        [Fact]
        public void A_group_without_a_declared_team_is_drift_but_not_a_change()
        {
            var observed = new ObservedFirewall { VpcId = "vpc-1" };
            observed.Groups.Add(new ObservedGroup { GroupId = "sg-old", Team = "legacy" });
            var plan = FirewallPlanner.Plan(Web(), observed, prune: true);
            Assert.Contains(plan.Drift, d => d.Drift == DriftKind.UndeclaredGroup && d.GroupId == "sg-old");
            Assert.DoesNotContain(plan.Changes, c => c.GroupId == "sg-old");
        }
    }

    public class DeclarationReaderTests
    {
        [Theory]
        [InlineData("Rulez", "UnknownDeclarationKey")]
        [InlineData("AttachTo", null)]
        public void Unknown_keys_are_refused_with_their_name(string key, string? errorId)
        {
            var root = new Hashtable { ["Teams"] = new Hashtable { ["web"] = new Hashtable { [key] = new Hashtable() } } };
            if (errorId == null) { Assert.Single(DeclarationReader.Read(root).Teams); return; }
            var e = Assert.Throws<PatternException>(() => DeclarationReader.Read(root));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Contains("'" + key + "'", e.Message);
        }

        [Theory]
        [InlineData("10.0.0.300/32")]
        [InlineData("10.0.0.1/33")]
        [InlineData("10.0.0.1/24")]
        [InlineData("sg-XYZ")]
        [InlineData("pl-1")]
        public void Bad_sources_are_refused(string source)
        {
            var root = new Hashtable { ["Teams"] = new Hashtable { ["web"] = new Hashtable { ["Rules"] = new Hashtable { ["Port"] = 22, ["Source"] = source } } } };
            var e = Assert.Throws<PatternException>(() => DeclarationReader.Read(root));
            Assert.Equal(PatternErrorCategory.InvalidArgument, e.Category);
        }

        [Fact]
        public void A_list_of_sources_is_one_rule_each()
        {
            var root = new Hashtable { ["Teams"] = new Hashtable { ["web"] = new Hashtable { ["Rules"] = new Hashtable { ["Port"] = 22, ["Source"] = new[] { "10.0.0.0/8", "2001:db8::/64", "sg-0a1b2c3d" } } } } };
            var kinds = DeclarationReader.Read(root).Teams[0].Rules.Select(r => r.SourceKind).ToArray();
            Assert.Equal(new[] { SourceKind.Ipv4Cidr, SourceKind.Ipv6Cidr, SourceKind.SecurityGroup }, kinds);
        }
    }

    public class GrantRequestTests
    {
        [Theory]
        [InlineData("sg-0a1b2c3d", 22, "0.0.0.0/0", 1, false, "AnySourceRefused")]
        [InlineData("sg-0a1b2c3d", 22, "::/0", 1, false, "AnySourceRefused")]
        [InlineData("sg-0a1b2c3d", 22, "203.0.113.7/32", 9, false, "DurationOverCap")]
        [InlineData("sg-0a1b2c3d", 22, "203.0.113.7/32", 0, false, "DurationNotPositive")]
        [InlineData("sg-0a1b2c3d", 0, "203.0.113.7/32", 1, false, "PortOutOfRange")]
        [InlineData("sg-0a1b2c3d", 22, "203.0.113/32", 1, false, "InvalidCidr")]
        [InlineData("sg-12", 22, "203.0.113.7/32", 1, false, "InvalidSecurityGroupId")]
        [InlineData("sg-0a1b2c3d", 22, "203.0.113.7/32", 9, true, "DurationOverCap")]
        public void Rules_that_keep_people_out(string group, int port, string cidr, int hours, bool allowAny, string errorId)
        {
            var e = Assert.Throws<PatternException>(() => GrantRequest.Create(group, port, "tcp", cidr, System.TimeSpan.FromHours(hours), "alice", allowAny));
            Assert.Equal(errorId, e.ErrorId);
        }

        [Fact]
        public void Any_source_is_allowed_only_with_the_switch()
        {
            Assert.True(GrantRequest.Create("sg-0a1b2c3d", 443, "tcp", "0.0.0.0/0", System.TimeSpan.FromHours(1), "alice", allowAnySource: true).Cidr.IsAnySource);
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:user/ops/alice", "alice")]
        [InlineData("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Ops_0a1b/bob@example.com", "bob@example.com")]
        [InlineData("arn:aws:iam::123456789012:root", "123456789012")]
        public void The_grantee_is_the_person_behind_the_callers_arn(string arn, string name)
        {
            Assert.Equal(name, GrantRequest.GranteeFromArn(arn));
        }

        [Fact]
        public void Without_a_grantee_the_request_waits_for_sts_and_then_keeps_only_tag_safe_characters()
        {
            var request = GrantRequest.Create("sg-0a1b2c3d", 22, "tcp", "203.0.113.7/32", System.TimeSpan.FromHours(1), null, allowAnySource: false);
            Assert.Null(request.Grantee);
            Assert.Equal("carol_ops", request.WithGrantee("carol ops").Grantee);
            Assert.Equal("InvalidGrantee", Assert.Throws<PatternException>(() => request.WithGrantee("")).ErrorId);
        }

        [Fact]
        public void Grant_tags_round_trip_and_ignore_foreign_tags()
        {
            var expires = new System.DateTime(2030, 1, 2, 3, 4, 5, System.DateTimeKind.Utc);
            var tags = new Dictionary<string, string> { [GrantTags.Key("odg-0123456789ab")] = GrantTags.Value(expires, "alice"), ["cdp:ondemand:grant:bad"] = "nonsense", ["Name"] = "x" };
            var grant = Assert.Single(GrantTags.Read(tags));
            Assert.Equal(expires, grant.ExpiresUtc);
            Assert.Equal("alice", grant.Grantee);
        }
    }
}
