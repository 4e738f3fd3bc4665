using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    public class WildcardAndArnMatcherTests
    {
        [Theory]
        [InlineData("ec2:Describe*", "ec2:DescribeInstances", true)]
        [InlineData("ec2:*", "ec2:CreateSnapshots", true)]
        [InlineData("ec2:*", "ec2:", true)]
        [InlineData("ec2:Create?napshots", "ec2:CreateSnapshots", true)]
        [InlineData("ec2:Create?napshots", "ec2:CreateSSnapshots", false)]
        [InlineData("*Snap*", "ec2:DeleteSnapshot", true)]
        [InlineData("a*b*c", "axxbyyc", true)]
        [InlineData("a*b*c", "axxbyy", false)]
        [InlineData("", "", true)]
        [InlineData("", "x", false)]
        public void Glob_matches_star_and_question_mark(string pattern, string text, bool expected)
        {
            Assert.Equal(expected, WildcardMatcher.IsMatch(pattern, text, ignoreCase: false));
        }

        [Fact]
        public void Glob_case_sensitivity_is_chosen_by_the_caller()
        {
            Assert.True(WildcardMatcher.IsMatch("EC2:describe*", "ec2:DescribeInstances", ignoreCase: true));
            Assert.False(WildcardMatcher.IsMatch("EC2:describe*", "ec2:DescribeInstances", ignoreCase: false));
        }

        [Fact]
        public void Glob_does_not_explode_on_many_stars()
        {
            var pattern = new string('*', 5) + "a*" + new string('a', 30) + "b";
            Assert.False(WildcardMatcher.IsMatch(pattern, new string('a', 2000), ignoreCase: false));
        }

        [Theory]
        [InlineData("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", true)]
        [InlineData("arn:aws:ec2:*::snapshot/*", "arn:aws:ec2:eu-west-1::snapshot/snap-1", true)]
        // Snapshots carry no account id in their ARN, but a pattern with '*' for the account still matches an empty component.
        [InlineData("arn:aws:ec2:*:*:snapshot/*", "arn:aws:ec2:eu-west-1::snapshot/snap-1", true)]
        // An empty account component in the pattern does not match an account id.
        [InlineData("arn:aws:ec2:*::instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", false)]
        // A '*' inside one component does not run into the next one.
        [InlineData("arn:aws:ec2:eu-*:*:volume/*", "arn:aws:ec2:us-east-1:1:volume/vol-1", false)]
        // ARN matching is case-sensitive.
        [InlineData("arn:aws:ec2:*:*:Instance/*", "arn:aws:ec2:eu-west-1:1:instance/i-1", false)]
        // The resource component keeps its own colons.
        [InlineData("arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:eu-west-1:1:log-group:app:log-stream:x", true)]
        [InlineData("*", "arn:aws:ec2:eu-west-1:1:instance/i-1", true)]
        [InlineData("*", "*", true)]
        [InlineData("arn:aws:ec2:*:*:instance/*", "*", false)]
        public void Arns_match_component_by_component(string pattern, string arn, bool expected)
        {
            Assert.Equal(expected, ArnMatcher.IsMatch(pattern, arn));
        }
    }
}
