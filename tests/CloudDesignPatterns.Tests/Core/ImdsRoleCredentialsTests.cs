using System;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Tests.Core
{
    public sealed class ImdsRoleCredentialsTests
    {
        internal const string SuccessJson = @"{
  ""Code"" : ""Success"", ""LastUpdated"" : ""2026-01-01T00:00:00Z"", ""Type"" : ""AWS-HMAC"",
  ""AccessKeyId"" : ""ASIAEXAMPLEROLEKEY01"", ""SecretAccessKey"" : ""role-secret"", ""Token"" : ""role-token"",
  ""Expiration"" : ""2099-01-01T06:00:00Z"" }";

        [Fact]
        public void Parse_reads_keys_token_and_expiration_in_utc()
        {
            var state = ImdsRoleCredentials.Parse(SuccessJson, "web-role");

            Assert.Equal("ASIAEXAMPLEROLEKEY01", state.Credentials.AccessKey);
            Assert.Equal("role-secret", state.Credentials.SecretKey);
            Assert.Equal("role-token", state.Credentials.Token);
            Assert.Equal(new DateTime(2099, 1, 1, 6, 0, 0, DateTimeKind.Utc), state.Expiration.ToUniversalTime());
        }

        [Fact]
        public void Parse_refuses_a_non_success_code_naming_the_role()
        {
            var ex = Assert.Throws<PatternException>(() => ImdsRoleCredentials.Parse(@"{ ""Code"": ""AssumeRoleUnauthorizedAccess"" }", "web-role"));

            Assert.Equal("InstanceRoleCredentialsFailed", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.AuthenticationError, ex.Category);
            Assert.Contains("web-role", ex.Message);
            Assert.Contains("AssumeRoleUnauthorizedAccess", ex.Message);
        }
    }
}
