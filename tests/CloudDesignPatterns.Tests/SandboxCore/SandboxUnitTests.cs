using System;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Sandbox.Imds;
using CloudDesignPatterns.Sandbox.Principals;
using CloudDesignPatterns.Sandbox.Routing;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    public sealed class SandboxUnitTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Token_bucket_never_holds_more_than_its_burst()
        {
            var bucket = new TokenBucket(2, 1, T0);
            var later = T0.AddMinutes(10);
            Assert.True(bucket.TryTake(later));
            Assert.True(bucket.TryTake(later));
            Assert.False(bucket.TryTake(later));
        }

        [Theory]
        [InlineData("DescribeInstances", false)]
        [InlineData("GetCallerIdentity", false)]
        [InlineData("ListTagsForResource", false)]
        [InlineData("CreateSnapshots", true)]
        [InlineData("ReplaceRoute", true)]
        public void Mutating_means_not_describe_get_or_list(string action, bool mutating)
            => Assert.Equal(mutating, FaultInjector.IsMutating(action));

        [Fact]
        public void Sigv4_scope_gives_key_region_and_service()
        {
            var scope = SigV4CredentialScope.From(
                "AWS4-HMAC-SHA256 Credential=AKID/20240101/ap-northeast-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", null)!;
            Assert.Equal("AKID", scope.AccessKeyId);
            Assert.Equal("ap-northeast-1", scope.Region);
            Assert.Equal("ec2", scope.Service);
            Assert.Null(SigV4CredentialScope.From("AWS4-HMAC-SHA256 Credential=AKID/20240101/ec2/aws4_request", null));
            Assert.Null(SigV4CredentialScope.From("Basic dXNlcjpwYXNz", null));
        }

        [Fact]
        public void Form_decoding_handles_plus_and_percent_escapes()
        {
            var form = FormDecoder.Decode("Filter.1.Name=tag%3ARole&Description=two+words&Empty=&Flag");
            Assert.Equal("tag:Role", form["Filter.1.Name"]);
            Assert.Equal("two words", form["Description"]);
            Assert.Equal("", form["Empty"]);
            Assert.Equal("", form["Flag"]);
        }

        [Fact]
        public void Metadata_tree_lists_children_and_answers_directories_with_or_without_slash()
        {
            var tree = new MetadataTree().Leaf("a/b", "1").Leaf("a/c/d", "2").Leaf("e", "3").Directory("empty/dir");
            Assert.Equal("a/\ne\nempty/", tree.Read(""));
            Assert.Equal("b\nc/", tree.Read("a/"));
            Assert.Equal("b\nc/", tree.Read("a"));
            Assert.Equal("2", tree.Read("a/c/d"));
            Assert.Equal("", tree.Read("empty/dir/"));
            Assert.Null(tree.Read("a/x"));
        }

        [Fact]
        public void Unknown_keys_resolve_to_the_unchecked_admin_and_registered_keys_to_their_principal()
        {
            var registry = new PrincipalRegistry();
            var admin = registry.Resolve("AKIAUNKNOWN");
            Assert.Equal("arn:aws:iam::123456789012:user/sandbox-admin", admin.Arn);
            Assert.False(admin.IsEnforced);

            registry.AddPrincipal("AKIAKNOWN", "s", "arn:aws:iam::111122223333:user/ops", new[] { "{}" });
            var ops = registry.Resolve("AKIAKNOWN");
            Assert.True(ops.IsEnforced);
            Assert.Equal("111122223333", ops.Account);

            var issued = registry.IssueRoleCredentials("123456789012", "cdp-db-role", "i-1");
            Assert.False(registry.Resolve(issued.AccessKeyId).IsEnforced); // no role policies yet
            registry.SetRolePolicies("cdp-db-role", new[] { "{}" });
            var session = registry.Resolve(issued.AccessKeyId);
            Assert.True(session.IsEnforced);
            Assert.Equal("arn:aws:sts::123456789012:assumed-role/cdp-db-role/i-1", session.Arn);
            Assert.EndsWith(":i-1", session.UserId);
            Assert.StartsWith("AROA", session.UserId);
        }
    }
}
