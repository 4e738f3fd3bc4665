using System;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>Region: parameter > session default > AWS_REGION > AWS_DEFAULT_REGION > profile > instance metadata.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class RegionResolutionTests : IDisposable
    {
        private readonly ProfileFiles files = new ProfileFiles(
            config: "[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-west-2\n",
            credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n" +
                         "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n");
        private readonly ResolverHarness h = new ResolverHarness();

        public RegionResolutionTests()
        {
            h.Env.Set("AWS_REGION", "us-east-2").Set("AWS_DEFAULT_REGION", "ca-central-1");
            h.Imds.Tree["meta-data/placement/region"] = "sa-east-1";
            h.ImdsEnabled = true;
            SessionDefaults.Set("eu-central-1", null, null);
        }

        public void Dispose()
        {
            h.Dispose();
            files.Dispose();
        }

        [Fact]
        public async Task Parameter_wins_over_everything()
        {
            var context = await h.ResolveAsync(new ConnectionSettings { Region = "ap-northeast-1" });

            Assert.Equal("ap-northeast-1", context.Region.Value);
            Assert.Equal("parameter -Region", context.Region.Source);
        }

        [Fact]
        public async Task Session_default_wins_over_environment()
        {
            var context = await h.ResolveAsync(new ConnectionSettings());

            Assert.Equal("eu-central-1", context.Region.Value);
            Assert.Equal("session default", context.Region.Source);
        }

        [Fact]
        public async Task AWS_REGION_wins_over_AWS_DEFAULT_REGION()
        {
            SessionDefaults.Clear(true, false, false);

            var context = await h.ResolveAsync(new ConnectionSettings());

            Assert.Equal("us-east-2", context.Region.Value);
            Assert.Equal("environment AWS_REGION", context.Region.Source);
        }

        [Fact]
        public async Task AWS_DEFAULT_REGION_wins_over_the_profile()
        {
            SessionDefaults.Clear(true, false, false);
            var env = new FakeEnvironment().Set("AWS_DEFAULT_REGION", "ca-central-1");
            var context = await new AwsContextResolver(env, () => h.ImdsClient).ResolveAsync(new ConnectionSettings(), h.Log, default);

            Assert.Equal("ca-central-1", context.Region.Value);
            Assert.Equal("environment AWS_DEFAULT_REGION", context.Region.Source);
        }

        [Fact]
        public async Task Default_profile_region_wins_over_instance_metadata()
        {
            SessionDefaults.Clear(true, false, false);
            var context = await new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient).ResolveAsync(new ConnectionSettings(), h.Log, default);

            Assert.Equal("eu-west-1", context.Region.Value);
            Assert.Equal("profile 'default'", context.Region.Source);
            Assert.Empty(h.Imds.Requests);
        }

        [Fact]
        public async Task Region_of_the_named_profile_is_used()
        {
            SessionDefaults.Clear(true, false, false);
            var context = await new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient)
                .ResolveAsync(new ConnectionSettings { ProfileName = "dev" }, h.Log, default);

            Assert.Equal("us-west-2", context.Region.Value);
            Assert.Equal("profile 'dev'", context.Region.Source);
        }

        [Fact]
        public async Task Region_of_the_AWS_PROFILE_profile_is_used()
        {
            SessionDefaults.Clear(true, false, false);
            var context = await new AwsContextResolver(new FakeEnvironment().Set("AWS_PROFILE", "dev"), () => h.ImdsClient)
                .ResolveAsync(new ConnectionSettings(), h.Log, default);

            Assert.Equal("us-west-2", context.Region.Value);
        }

        [Fact]
        public async Task Instance_metadata_region_is_the_last_resort()
        {
            SessionDefaults.Clear(true, false, false);
            using var bare = new ProfileFiles();
            var context = await new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient)
                .ResolveAsync(new ConnectionSettings { AccessKey = "AKID", SecretKey = "s" }, h.Log, default);

            Assert.Equal("sa-east-1", context.Region.Value);
            Assert.Equal("instance metadata", context.Region.Source);
            Assert.Contains(h.Imds.Gets, g => g.Path == "/latest/meta-data/placement/region");
        }

        [Fact]
        public async Task No_region_anywhere_is_RegionNotResolved()
        {
            SessionDefaults.Clear(true, false, false);
            using var bare = new ProfileFiles();
            using var noImds = new ResolverHarness();

            var ex = await Assert.ThrowsAsync<PatternException>(() => noImds.ResolveAsync(new ConnectionSettings { AccessKey = "AKID", SecretKey = "s" }));

            Assert.Equal("RegionNotResolved", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, ex.Category);
            Assert.Empty(noImds.Imds.Requests);
        }

        [Theory]
        [InlineData("Tokyo")]
        [InlineData("ap_northeast_1")]
        [InlineData("ap-northeast")]
        [InlineData("AP-NORTHEAST-1")]
        public async Task Parameter_that_is_not_region_shaped_is_InvalidRegion(string region)
        {
            var ex = await Assert.ThrowsAsync<PatternException>(() => h.ResolveAsync(new ConnectionSettings { Region = region }));

            Assert.Equal("InvalidRegion", ex.ErrorId);
            Assert.Contains("parameter -Region", ex.Message);
        }

        [Fact]
        public async Task Environment_value_that_is_not_region_shaped_is_InvalidRegion_naming_the_variable()
        {
            SessionDefaults.Clear(true, false, false);
            h.Env.Set("AWS_REGION", "tokyo");

            var ex = await Assert.ThrowsAsync<PatternException>(() => h.ResolveAsync(new ConnectionSettings()));

            Assert.Equal("InvalidRegion", ex.ErrorId);
            Assert.Contains("environment AWS_REGION", ex.Message);
        }
    }
}
