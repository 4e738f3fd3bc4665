using CloudDesignPatterns.Sandbox.Iam;
using static CloudDesignPatterns.Tests.Iam.IamTestHelpers;

namespace CloudDesignPatterns.Tests.Iam
{
    /// <summary>
    /// The surprising cases of IAM condition evaluation: absent keys, negated operators, IfExists, Null and the set
    /// operators. Sources are cited on ConditionEvaluator.
    /// </summary>
    public class ConditionSemanticsTests
    {
        private static readonly AuthorizationRequest NoKeys = Request("ec2:DescribeInstances");
        private static AuthorizationRequest With(string key, params string[] values) => NoKeys.With(key, values);

        [Theory]
        [InlineData("StringEquals")]
        [InlineData("StringLike")]
        [InlineData("StringEqualsIgnoreCase")]
        [InlineData("ArnLike")]
        public void Positive_operator_on_an_absent_key_does_not_match(string op)
        {
            Assert.False(ConditionHolds("{\"" + op + "\":{\"k\":\"arn:aws:iam::1:role/*\"}}", NoKeys));
        }

        [Theory]
        [InlineData(@"{""Bool"":{""k"":""false""}}")]
        [InlineData(@"{""NumericLessThan"":{""k"":""5""}}")]
        public void Bool_and_numeric_on_an_absent_key_do_not_match(string condition)
        {
            Assert.False(ConditionHolds(condition, NoKeys));
        }

        [Theory]
        [InlineData("StringNotEquals")]
        [InlineData("StringNotLike")]
        [InlineData("StringNotEqualsIgnoreCase")]
        [InlineData("ArnNotLike")]
        [InlineData("ArnNotEquals")]
        [InlineData("NumericNotEquals")]
        public void Negated_operator_on_an_absent_key_matches(string op)
        {
            // IAM User Guide, condition operators: "If the policy condition requires that the key is not matched, such as
            // StringNotLike or ArnNotLike, and the right key is not present, the condition is true."
            Assert.True(ConditionHolds("{\"" + op + "\":{\"k\":\"1\"}}", NoKeys));
        }

        [Fact]
        public void An_empty_value_list_counts_as_an_absent_key()
        {
            Assert.False(ConditionHolds(@"{""StringEquals"":{""k"":""v""}}", With("k")));
            Assert.True(ConditionHolds(@"{""StringNotEquals"":{""k"":""v""}}", With("k")));
            Assert.True(ConditionHolds(@"{""Null"":{""k"":""true""}}", With("k")));
        }

        [Fact]
        public void IfExists_matches_when_the_key_is_absent_and_checks_it_when_present()
        {
            const string condition = @"{""StringEqualsIfExists"":{""ec2:InstanceType"":[""t3.micro"",""t3.small""]}}";
            Assert.True(ConditionHolds(condition, NoKeys));
            Assert.True(ConditionHolds(condition, With("ec2:InstanceType", "t3.small")));
            Assert.False(ConditionHolds(condition, With("ec2:InstanceType", "m5.large")));
        }

        [Fact]
        public void Negated_IfExists_also_matches_an_absent_key()
        {
            const string condition = @"{""StringNotEqualsIfExists"":{""k"":""v""}}";
            Assert.True(ConditionHolds(condition, NoKeys));
            Assert.False(ConditionHolds(condition, With("k", "v")));
        }

        [Fact]
        public void Null_true_means_the_key_is_absent_and_false_means_present()
        {
            Assert.True(ConditionHolds(@"{""Null"":{""aws:TokenIssueTime"":""true""}}", NoKeys));
            Assert.False(ConditionHolds(@"{""Null"":{""aws:TokenIssueTime"":""true""}}", With("aws:TokenIssueTime", "2026-01-01T00:00:00Z")));
            Assert.False(ConditionHolds(@"{""Null"":{""aws:TokenIssueTime"":""false""}}", NoKeys));
            Assert.True(ConditionHolds(@"{""Null"":{""aws:TokenIssueTime"":false}}", With("aws:TokenIssueTime", "x")));
        }

        [Fact]
        public void ForAllValues_is_true_on_an_absent_or_empty_set()
        {
            // IAM User Guide (multivalued context key examples): "The ForAllValues set operator also returns true if there
            // are no context keys in the request."
            const string condition = @"{""ForAllValues:StringLike"":{""aws:TagKeys"":""cdp:*""}}";
            Assert.True(ConditionHolds(condition, NoKeys));
            Assert.True(ConditionHolds(condition, With("aws:TagKeys")));
        }

        [Fact]
        public void ForAllValues_requires_every_request_value_to_match_some_policy_value()
        {
            const string condition = @"{""ForAllValues:StringEquals"":{""aws:TagKeys"":[""Name"",""cdp:managed-by""]}}";
            Assert.True(ConditionHolds(condition, With("aws:TagKeys", "Name")));
            Assert.True(ConditionHolds(condition, With("aws:TagKeys", "Name", "cdp:managed-by")));
            Assert.False(ConditionHolds(condition, With("aws:TagKeys", "Name", "Owner")));
        }

        [Fact]
        public void ForAnyValue_is_false_on_an_absent_or_empty_set()
        {
            const string condition = @"{""ForAnyValue:StringEquals"":{""aws:TagKeys"":""cdp:managed-by""}}";
            Assert.False(ConditionHolds(condition, NoKeys));
            Assert.False(ConditionHolds(condition, With("aws:TagKeys")));
        }

        [Fact]
        public void IfExists_does_not_rescue_ForAnyValue_on_an_absent_key()
        {
            Assert.False(ConditionHolds(@"{""ForAnyValue:StringEqualsIfExists"":{""aws:TagKeys"":""a""}}", NoKeys));
            Assert.True(ConditionHolds(@"{""ForAllValues:StringEqualsIfExists"":{""aws:TagKeys"":""a""}}", NoKeys));
        }

        [Fact]
        public void ForAnyValue_requires_at_least_one_request_value_to_match()
        {
            const string condition = @"{""ForAnyValue:StringLike"":{""aws:TagKeys"":""cdp:*""}}";
            Assert.True(ConditionHolds(condition, With("aws:TagKeys", "Name", "cdp:managed-by")));
            Assert.False(ConditionHolds(condition, With("aws:TagKeys", "Name", "Owner")));
        }

        [Fact]
        public void ForAllValues_with_a_negated_operator_checks_each_value_against_all_policy_values()
        {
            // From the IAM examples: Deny when any tag key does not start with key1 — written as ForAllValues:StringNotLike.
            const string condition = @"{""ForAllValues:StringNotLike"":{""aws:TagKeys"":""key1*""}}";
            Assert.False(ConditionHolds(condition, With("aws:TagKeys", "key1:legal")));
            Assert.False(ConditionHolds(condition, With("aws:TagKeys", "key1:hr", "key1:personnel")));
            Assert.True(ConditionHolds(condition, With("aws:TagKeys", "key2:audit")));
            Assert.True(ConditionHolds(condition, NoKeys));
        }

        [Fact]
        public void ForAnyValue_with_a_negated_operator_needs_one_value_outside_the_list()
        {
            const string condition = @"{""ForAnyValue:StringNotEquals"":{""aws:TagKeys"":[""a"",""b""]}}";
            Assert.False(ConditionHolds(condition, With("aws:TagKeys", "a", "b")));
            Assert.True(ConditionHolds(condition, With("aws:TagKeys", "a", "c")));
            Assert.False(ConditionHolds(condition, NoKeys));
        }

        [Fact]
        public void Without_a_set_operator_a_multivalued_key_matches_when_any_value_matches()
        {
            Assert.True(ConditionHolds(@"{""StringEquals"":{""k"":""b""}}", With("k", "a", "b")));
            // …and a negated operator then requires that no value matches.
            Assert.False(ConditionHolds(@"{""StringNotEquals"":{""k"":""b""}}", With("k", "a", "b")));
        }

        [Fact]
        public void Deny_with_StringNotEquals_on_an_absent_tag_denies()
        {
            // The classic "require this tag" guard: a missing tag must be denied, not slip through.
            var policies = new[]
            {
                Policy(@"{""Effect"":""Allow"",""Action"":""ec2:CreateVolume"",""Resource"":""*""}"),
                Policy(@"{""Sid"":""RequireTeam"",""Effect"":""Deny"",""Action"":""ec2:CreateVolume"",""Resource"":""*"",""Condition"":{""StringNotEquals"":{""aws:RequestTag/team"":""ops""}}}"),
            };
            var request = Request("ec2:CreateVolume");
            var result = PolicyEvaluator.Explain(policies, request);
            Assert.Equal(Decision.ExplicitDeny, result.Decision);
            Assert.Equal("RequireTeam", result.MatchedSid);
            Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(policies, request.With("aws:RequestTag/team", "ops")));
        }
    }
}
