using System;
using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    public class AuthorizationRequestTests
    {
        [Fact]
        public void Context_lookup_ignores_key_case_even_when_the_caller_dictionary_does_not()
        {
            var context = new Dictionary<string, IReadOnlyList<string>> { ["aws:RequestTag/Team"] = new[] { "Ops" } };
            var request = new AuthorizationRequest("ec2:CreateVolume", "*", context);

            Assert.True(request.Context.ContainsKey("AWS:REQUESTTAG/team"));
            Assert.Equal(new[] { "Ops" }, request.Context["aws:requesttag/team"]);
        }

        [Fact]
        public void With_adds_a_key_without_changing_the_original()
        {
            var original = new AuthorizationRequest("ec2:CreateVolume", "*");
            var extended = original.With("ec2:Region", "eu-west-1");

            Assert.Empty(original.Context);
            Assert.Equal(new[] { "eu-west-1" }, extended.Context["EC2:region"]);
            Assert.Equal("ec2:CreateVolume on *", extended.ToString());
        }

        [Theory]
        [InlineData("", "*")]
        [InlineData("ec2:DescribeInstances", "")]
        public void Action_and_resource_are_required(string action, string resource)
        {
            Assert.Throws<ArgumentException>(() => new AuthorizationRequest(action, resource));
        }
    }
}
