using CloudDesignPatterns.Sandbox.Iam;
using static CloudDesignPatterns.Tests.Iam.IamTestHelpers;

namespace CloudDesignPatterns.Tests.Iam
{
    /// <summary>Each operator against a present key. Missing-key and set-operator behaviour lives in ConditionSemanticsTests.</summary>
    public class ConditionOperatorTests
    {
        private static AuthorizationRequest With(string key, params string[] values) => Request("ec2:DescribeInstances").With(key, values);

        [Theory]
        [InlineData(@"{""StringEquals"":{""k"":""Prod""}}", "Prod", true)]
        [InlineData(@"{""StringEquals"":{""k"":""Prod""}}", "prod", false)]
        [InlineData(@"{""StringEquals"":{""k"":[""Dev"",""Prod""]}}", "Prod", true)]
        [InlineData(@"{""StringNotEquals"":{""k"":""Prod""}}", "Prod", false)]
        [InlineData(@"{""StringNotEquals"":{""k"":""Prod""}}", "Dev", true)]
        // Several values of a negated operator are NORed: "neither Dev nor Prod".
        [InlineData(@"{""StringNotEquals"":{""k"":[""Dev"",""Prod""]}}", "Prod", false)]
        [InlineData(@"{""StringNotEquals"":{""k"":[""Dev"",""Prod""]}}", "Test", true)]
        [InlineData(@"{""StringEqualsIgnoreCase"":{""k"":""PROD""}}", "prod", true)]
        [InlineData(@"{""StringNotEqualsIgnoreCase"":{""k"":""PROD""}}", "prod", false)]
        [InlineData(@"{""StringLike"":{""k"":""cdp:*""}}", "cdp:snapshot:keep", true)]
        [InlineData(@"{""StringLike"":{""k"":""cdp:*""}}", "CDP:snapshot", false)]
        [InlineData(@"{""StringLike"":{""k"":""v?""}}", "v1", true)]
        [InlineData(@"{""StringNotLike"":{""k"":""cdp:*""}}", "team", true)]
        [InlineData(@"{""StringNotLike"":{""k"":""cdp:*""}}", "cdp:x", false)]
        // StringEquals treats '*' literally.
        [InlineData(@"{""StringEquals"":{""k"":""cdp:*""}}", "cdp:x", false)]
        [InlineData(@"{""Bool"":{""k"":""true""}}", "true", true)]
        [InlineData(@"{""Bool"":{""k"":true}}", "TRUE", true)]
        [InlineData(@"{""Bool"":{""k"":""true""}}", "false", false)]
        [InlineData(@"{""NumericEquals"":{""k"":""10""}}", "10.0", true)]
        [InlineData(@"{""NumericNotEquals"":{""k"":""10""}}", "11", true)]
        [InlineData(@"{""NumericLessThan"":{""k"":100}}", "99", true)]
        [InlineData(@"{""NumericLessThan"":{""k"":100}}", "100", false)]
        [InlineData(@"{""NumericLessThanEquals"":{""k"":100}}", "100", true)]
        [InlineData(@"{""NumericGreaterThan"":{""k"":100}}", "101", true)]
        [InlineData(@"{""NumericGreaterThanEquals"":{""k"":100}}", "99", false)]
        [InlineData(@"{""NumericLessThan"":{""k"":100}}", "not-a-number", false)]
        [InlineData(@"{""DateLessThan"":{""k"":""2026-01-01T00:00:00Z""}}", "2025-12-31T23:59:59Z", true)]
        [InlineData(@"{""DateGreaterThan"":{""k"":""2026-01-01T00:00:00Z""}}", "2025-12-31T23:59:59Z", false)]
        [InlineData(@"{""DateEquals"":{""k"":""1767225600""}}", "2026-01-01T00:00:00Z", true)]
        [InlineData(@"{""ArnLike"":{""k"":""arn:aws:iam::*:role/cdp-*""}}", "arn:aws:iam::123456789012:role/cdp-snapshot", true)]
        [InlineData(@"{""ArnLike"":{""k"":""arn:aws:iam::*:role/cdp-*""}}", "arn:aws:iam::123456789012:role/admin", false)]
        [InlineData(@"{""ArnEquals"":{""k"":""arn:aws:iam::123456789012:role/r""}}", "arn:aws:iam::123456789012:role/r", true)]
        [InlineData(@"{""ArnNotLike"":{""k"":""arn:aws:iam::*:role/cdp-*""}}", "arn:aws:iam::1:role/admin", true)]
        [InlineData(@"{""ArnNotEquals"":{""k"":""arn:aws:iam::1:role/r""}}", "arn:aws:iam::1:role/r", false)]
        [InlineData(@"{""IpAddress"":{""k"":""10.0.0.0/8""}}", "10.1.2.3", true)]
        [InlineData(@"{""IpAddress"":{""k"":""10.0.0.0/8""}}", "11.1.2.3", false)]
        [InlineData(@"{""IpAddress"":{""k"":""2001:db8::/32""}}", "2001:db8::1", true)]
        [InlineData(@"{""NotIpAddress"":{""k"":""192.168.1.10""}}", "192.168.1.11", true)]
        public void Operator_compares_a_present_value(string condition, string requestValue, bool expected)
        {
            Assert.Equal(expected, ConditionHolds(condition, With("k", requestValue)));
        }

        [Fact]
        public void Context_key_names_are_case_insensitive_but_values_are_not()
        {
            var condition = @"{""StringEquals"":{""aws:RequestTag/cdp:managed-by"":""CloudDesignPatterns""}}";
            Assert.True(ConditionHolds(condition, With("AWS:requesttag/CDP:Managed-By", "CloudDesignPatterns")));
            Assert.False(ConditionHolds(condition, With("aws:RequestTag/cdp:managed-by", "clouddesignpatterns")));
        }

        [Fact]
        public void Several_keys_in_one_block_are_ANDed()
        {
            var condition = @"{""StringEquals"":{""a"":""1"",""b"":""2""}}";
            Assert.True(ConditionHolds(condition, With("a", "1").With("b", "2")));
            Assert.False(ConditionHolds(condition, With("a", "1").With("b", "3")));
            Assert.False(ConditionHolds(condition, With("a", "1")));
        }

        [Fact]
        public void Several_operators_in_one_block_are_ANDed()
        {
            var condition = @"{""StringEquals"":{""a"":""1""},""StringLike"":{""b"":""x*""}}";
            Assert.True(ConditionHolds(condition, With("a", "1").With("b", "xyz")));
            Assert.False(ConditionHolds(condition, With("a", "1").With("b", "yz")));
        }
    }
}
