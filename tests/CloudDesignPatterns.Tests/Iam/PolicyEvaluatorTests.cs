using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Iam;
using static CloudDesignPatterns.Tests.Iam.IamTestHelpers;

namespace CloudDesignPatterns.Tests.Iam
{
    public class PolicyEvaluatorTests
    {
        private const string Instance = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc";
        private const string Volume = "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc";

        [Fact]
        public void No_policies_means_implicit_deny()
        {
            var result = PolicyEvaluator.Explain(new List<PolicyDocument>(), Request("ec2:DescribeInstances"));
            Assert.Equal(Decision.ImplicitDeny, result.Decision);
            Assert.Null(result.MatchedStatement);
            Assert.Null(result.MatchedSid);
        }

        [Fact]
        public void Allow_matches_action_case_insensitively_with_wildcards()
        {
            var policy = Policy(@"{""Sid"":""Describe"",""Effect"":""Allow"",""Action"":""EC2:describe*"",""Resource"":""*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:DescribeInstances")));
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:describeregions")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:CreateSnapshots")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("rds:DescribeDBInstances")));
        }

        [Fact]
        public void Service_prefix_wildcard_covers_only_that_service()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:TerminateInstances")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("sts:GetCallerIdentity")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2x:Anything")));
        }

        [Fact]
        public void Question_mark_matches_exactly_one_character_in_actions()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""Action"":""ec2:?escribeTags"",""Resource"":""*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:DescribeTags")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:escribeTags")));
        }

        [Fact]
        public void Resource_arns_match_with_wildcards_and_case_sensitively()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""Action"":""ec2:StopInstances"",""Resource"":""arn:aws:ec2:eu-west-1:*:instance/*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:StopInstances", Instance)));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:StopInstances", Instance.Replace("eu-west-1", "us-east-1"))));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:StopInstances", Instance.Replace("instance/", "INSTANCE/"))));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:StopInstances", Volume)));
        }

        [Fact]
        public void Explicit_deny_beats_allow_whatever_the_order_and_policy()
        {
            var allow = Policy(@"{""Sid"":""AllowAll"",""Effect"":""Allow"",""Action"":""*"",""Resource"":""*""}");
            var deny = Policy(@"{""Sid"":""NoDelete"",""Effect"":""Deny"",""Action"":""ec2:DeleteSnapshot"",""Resource"":""*""}");

            foreach (var order in new[] { new[] { allow, deny }, new[] { deny, allow } })
            {
                var result = PolicyEvaluator.Explain(order, Request("ec2:DeleteSnapshot", "arn:aws:ec2:eu-west-1::snapshot/snap-1"));
                Assert.Equal(Decision.ExplicitDeny, result.Decision);
                Assert.Equal("NoDelete", result.MatchedSid);
                Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(order, Request("ec2:CreateSnapshots", Instance)));
            }
        }

        [Fact]
        public void Explain_names_the_first_matching_allow()
        {
            var policy = Policy(
                @"{""Sid"":""Tags"",""Effect"":""Allow"",""Action"":""ec2:DescribeTags"",""Resource"":""*""}," +
                @"{""Sid"":""AllDescribes"",""Effect"":""Allow"",""Action"":""ec2:Describe*"",""Resource"":""*""}");
            Assert.Equal("AllDescribes", PolicyEvaluator.Explain(new[] { policy }, Request("ec2:DescribeInstances")).MatchedSid);
            Assert.Equal("Tags", PolicyEvaluator.Explain(new[] { policy }, Request("ec2:DescribeTags")).MatchedSid);
        }

        [Fact]
        public void NotAction_allow_grants_everything_except_the_listed_actions()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""NotAction"":[""ec2:Delete*"",""ec2:Terminate*""],""Resource"":""*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:CreateSnapshots")));
            Assert.Equal(Decision.Allow, Decide(policy, Request("sts:GetCallerIdentity")));
            // NotAction in an Allow does not deny: the listed actions are merely not allowed by this statement.
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:DeleteSnapshot")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:TerminateInstances")));
        }

        [Fact]
        public void Deny_with_NotAction_denies_everything_else_even_when_allowed()
        {
            var allowAll = Policy(@"{""Effect"":""Allow"",""Action"":""*"",""Resource"":""*""}");
            var denyAllButDescribe = Policy(@"{""Sid"":""OnlyDescribe"",""Effect"":""Deny"",""NotAction"":""ec2:Describe*"",""Resource"":""*""}");
            var policies = new[] { allowAll, denyAllButDescribe };

            Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(policies, Request("ec2:DescribeVolumes")));
            var denied = PolicyEvaluator.Explain(policies, Request("ec2:CreateSnapshots", Instance));
            Assert.Equal(Decision.ExplicitDeny, denied.Decision);
            Assert.Equal("OnlyDescribe", denied.MatchedSid);
        }

        [Fact]
        public void NotResource_applies_to_every_resource_except_the_listed_ones()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""Action"":""ec2:StopInstances"",""NotResource"":""arn:aws:ec2:*:*:instance/i-prod*""}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:StopInstances", Instance)));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:StopInstances", "arn:aws:ec2:eu-west-1:1:instance/i-prod1")));
        }

        [Fact]
        public void Condition_failure_makes_the_statement_not_apply()
        {
            var policy = Policy(@"{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEquals"":{""ec2:Region"":""eu-west-1""}}}");
            Assert.Equal(Decision.Allow, Decide(policy, Request("ec2:DescribeInstances").With("ec2:Region", "eu-west-1")));
            Assert.Equal(Decision.ImplicitDeny, Decide(policy, Request("ec2:DescribeInstances").With("ec2:Region", "us-east-1")));
        }

        [Fact]
        public void A_deny_whose_condition_fails_does_not_deny()
        {
            var policies = new[]
            {
                Policy(@"{""Effect"":""Allow"",""Action"":""*"",""Resource"":""*""}"),
                Policy(@"{""Effect"":""Deny"",""Action"":""*"",""Resource"":""*"",""Condition"":{""Bool"":{""aws:SecureTransport"":""false""}}}"),
            };
            Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(policies, Request("ec2:DescribeInstances").With("aws:SecureTransport", "true")));
            Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(policies, Request("ec2:DescribeInstances").With("aws:SecureTransport", "false")));
            // Key absent: Bool does not match, so this Deny does not apply.
            Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(policies, Request("ec2:DescribeInstances")));
        }
    }
}
