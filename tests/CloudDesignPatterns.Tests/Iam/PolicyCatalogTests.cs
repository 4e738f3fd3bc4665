using System;
using System.Linq;
using System.Text.Json;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    public class PolicyCatalogTests
    {
        [Fact]
        public void Catalog_lists_the_patterns_and_roles()
        {
            Assert.Equal(new[] { "Core", "Snapshot", "RoutingFailover", "FloatingIp", "Firewall", "Bastion", "Schedule", "Route53Failover", "GameDay" }, PolicyCatalog.Patterns);
            Assert.Equal(new[] { "Snapshot", "SnapshotRotation", "SnapshotRestore" }, PolicyCatalog.Roles("Snapshot"));
            Assert.Equal(new[] { "FirewallAdministrator", "OnDemandIngress" }, PolicyCatalog.Roles("Firewall"));
            Assert.Equal(
                new[] { "Core/Core", "Snapshot/Snapshot", "Snapshot/SnapshotRotation", "Snapshot/SnapshotRestore",
                    "RoutingFailover/RoutingFailover", "RoutingFailover/RoutingMonitor", "FloatingIp/FloatingIp",
                    "Firewall/FirewallAdministrator", "Firewall/OnDemandIngress",
                    "Bastion/BastionRequester", "Bastion/BastionApprover", "Bastion/BastionOperator",
                    "Schedule/Schedule", "Schedule/ScheduleReader", "Route53Failover/Route53Failover", "Route53Failover/Route53Monitor", "GameDay/GameDay" },
                PolicyCatalog.All.Select(p => p.ToString()));
        }

        [Fact]
        public void Missing_role_picks_the_default_and_names_match_case_insensitively()
        {
            var policy = PolicyCatalog.Get("snapshot", null);
            Assert.Equal("Snapshot", policy.Role);
            Assert.True(policy.IsDefaultRole);
            Assert.Equal("Core", PolicyCatalog.Get("CORE").Role);
            var rotation = PolicyCatalog.Get("Snapshot", "snapshotrotation");
            Assert.Equal("SnapshotRotation", rotation.Role);
            Assert.False(rotation.IsDefaultRole);
        }

        [Fact]
        public void Unknown_pattern_lists_the_valid_patterns()
        {
            var e = Assert.Throws<ArgumentException>(() => PolicyCatalog.Get("NoSuchPattern"));
            Assert.Contains("Unknown pattern 'NoSuchPattern'", e.Message);
            Assert.Contains("Core, Snapshot", e.Message);
            Assert.Equal("pattern", e.ParamName);
        }

        [Fact]
        public void Unknown_role_lists_the_pattern_roles()
        {
            var e = Assert.Throws<ArgumentException>(() => PolicyCatalog.Get("Snapshot", "Admin"));
            Assert.Contains("has no role 'Admin'", e.Message);
            Assert.Contains("Snapshot, SnapshotRotation, SnapshotRestore", e.Message);
            Assert.Equal("role", e.ParamName);
        }

        [Fact]
        public void Managed_tag_names_carry_the_module_prefix()
        {
            Assert.Equal("cdp:", ManagedTags.Prefix);
            Assert.Equal("cdp:managed-by", ManagedTags.ManagedByKey);
            Assert.Equal("CloudDesignPatterns", ManagedTags.ManagedByValue);
        }

        public static TheoryData<string, string> AllRoles()
        {
            var data = new TheoryData<string, string>();
            foreach (var p in PolicyCatalog.All) data.Add(p.Pattern, p.Role);
            return data;
        }

        [Theory]
        [MemberData(nameof(AllRoles))]
        public void Every_policy_parses_and_lists_exactly_the_actions_it_allows(string pattern, string role)
        {
            var policy = PolicyCatalog.Get(pattern, role);
            var document = PolicyDocument.Parse(policy.Json);

            Assert.Equal("2012-10-17", document.Version);
            Assert.All(document.Statements, s => Assert.Equal(StatementEffect.Allow, s.Effect));
            Assert.All(document.Statements, s => Assert.False(string.IsNullOrEmpty(s.Sid)));
            var allowed = document.Statements.SelectMany(s => s.Actions!).Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(allowed, policy.Actions);
            Assert.Equal(policy.Actions.OrderBy(a => a, StringComparer.OrdinalIgnoreCase), policy.Actions);
            Assert.False(string.IsNullOrWhiteSpace(policy.Description));
        }

        [Theory]
        [MemberData(nameof(AllRoles))]
        public void Every_policy_is_least_privilege_by_construction(string pattern, string role)
        {
            var document = PolicyDocument.Parse(PolicyCatalog.Get(pattern, role).Json);
            foreach (var statement in document.Statements)
            {
                Assert.Null(statement.NotActions);
                Assert.Null(statement.NotResources);
                Assert.All(statement.Actions!, a => Assert.DoesNotContain("*", a));
                // Resource "*" only where AWS offers no resource-level permission: the read-only describes, sts,
                // ssm:ListAssociations, ssm:GetCommandInvocation, route53:ListHostedZonesByName and route53:CreateHealthCheck (listed as
                // supporting no resource types in the service authorization reference).
                if (statement.Resources!.Contains("*"))
                {
                    Assert.All(statement.Actions!, a => Assert.True(
                        a.StartsWith("ec2:Describe", StringComparison.Ordinal) || a == "sts:GetCallerIdentity" || a == "ssm:ListAssociations" || a == "ssm:GetCommandInvocation" ||
                        a == "route53:ListHostedZonesByName" || a == "route53:CreateHealthCheck",
                        $"{pattern}/{role} statement {statement.Sid} grants {a} on every resource."));
                }
            }
        }

        [Theory]
        [MemberData(nameof(AllRoles))]
        public void Json_is_indented_with_unix_line_endings(string pattern, string role)
        {
            var json = PolicyCatalog.Get(pattern, role).Json;
            Assert.DoesNotContain("\r", json);
            Assert.StartsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [", json);
            using var parsed = JsonDocument.Parse(json);
        }

        [Fact]
        public void Single_values_are_written_as_strings_and_lists_as_arrays()
        {
            var json = PolicyCatalog.Get("Snapshot", "SnapshotRotation").Json;
            Assert.Contains("\"Action\": [\n        \"ec2:DeleteSnapshot\",\n        \"ec2:DeregisterImage\"\n      ]", json);
            Assert.Contains("\"aws:ResourceTag/cdp:managed-by\": \"CloudDesignPatterns\"", json);
        }

        [Fact]
        public void Route53_policy_is_narrowed_to_the_zone_and_the_normalised_names()
        {
            var json = PolicyCatalog.Get("Route53Failover", null, new PolicyScope("/hostedzone/Z0CDP000000PUBLIC1", new[] { "App.Example.com.", "app.example.com" })).Json;
            Assert.Contains("arn:aws:route53:::hostedzone/Z0CDP000000PUBLIC1", json);
            Assert.DoesNotContain("hostedzone/*", json);
            Assert.Contains("\"ForAllValues:StringEquals\"", json);
            Assert.Contains("\"route53:ChangeResourceRecordSetsNormalizedRecordNames\": \"app.example.com\"", json);
            Assert.Contains("hostedzone/*", PolicyCatalog.Get("Route53Failover", "Route53Failover").Json);
        }

        [Fact]
        public void A_pattern_narrowed_by_tags_refuses_a_zone_scope()
        {
            var error = Assert.Throws<ArgumentException>(() => PolicyCatalog.Get("RoutingFailover", null, new PolicyScope("Z1", null)));
            Assert.Equal("scope", error.ParamName);
        }
    }
}
