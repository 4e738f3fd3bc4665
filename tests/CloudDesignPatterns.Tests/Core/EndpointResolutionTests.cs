using System;
using System.Linq;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>
    /// Endpoint: parameter > session default > AWS_ENDPOINT_URL_EC2 > AWS_ENDPOINT_URL > profile endpoint_url;
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns off the configured ones.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class EndpointResolutionTests : IDisposable
    {
        private readonly ProfileFiles files = new ProfileFiles(
            config: "[default]\nregion = ap-northeast-1\nendpoint_url = http://127.0.0.1:4005/\n",
            credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n");
        private readonly ResolverHarness h = new ResolverHarness();

        public EndpointResolutionTests()
        {
            h.Env.Set("AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:4003/").Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4004/");
            SessionDefaults.Set(null, null, "http://127.0.0.1:4002/");
        }

        public void Dispose()
        {
            h.Dispose();
            files.Dispose();
        }

        private static ConnectionSettings Settings(string? endpoint = null)
            => new ConnectionSettings { Region = "ap-northeast-1", AccessKey = "AKID", SecretKey = "secret", EndpointUrl = endpoint };

        private async Task<Resolved<Uri>?> Ec2Endpoint(ConnectionSettings settings, EnvironmentReader? env = null)
        {
            var context = await new AwsContextResolver(env ?? h.Env, () => h.ImdsClient).ResolveAsync(settings, h.Log, default);
            return context.EndpointFor("EC2");
        }

        [Fact]
        public async Task Parameter_wins_over_everything()
        {
            var endpoint = await Ec2Endpoint(Settings("http://127.0.0.1:4001/"));

            Assert.Equal(new Uri("http://127.0.0.1:4001/"), endpoint!.Value);
            Assert.Equal("parameter -EndpointUrl", endpoint.Source);
        }

        [Fact]
        public async Task Session_default_wins_over_environment()
        {
            var endpoint = await Ec2Endpoint(Settings());

            Assert.Equal(new Uri("http://127.0.0.1:4002/"), endpoint!.Value);
            Assert.Equal("session default", endpoint.Source);
        }

        [Fact]
        public async Task Service_specific_variable_wins_over_the_general_one()
        {
            SessionDefaults.Clear(false, false, true);

            var endpoint = await Ec2Endpoint(Settings());

            Assert.Equal(new Uri("http://127.0.0.1:4003/"), endpoint!.Value);
            Assert.Equal("environment AWS_ENDPOINT_URL_EC2", endpoint.Source);
        }

        [Fact]
        public async Task General_variable_serves_services_without_their_own_variable()
        {
            SessionDefaults.Clear(false, false, true);
            h.Env.Set("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:4053/");
            var context = await h.ResolveAsync(Settings());

            Assert.Equal(new Uri("http://127.0.0.1:4053/"), context.EndpointFor("ROUTE_53")!.Value);
            Assert.Equal(new Uri("http://127.0.0.1:4004/"), context.EndpointFor("STS")!.Value);
            Assert.Equal("environment AWS_ENDPOINT_URL", context.EndpointFor("STS")!.Source);
        }

        [Fact]
        public async Task General_variable_wins_over_the_profile()
        {
            SessionDefaults.Clear(false, false, true);

            var endpoint = await Ec2Endpoint(Settings(), new FakeEnvironment().Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4004/"));

            Assert.Equal(new Uri("http://127.0.0.1:4004/"), endpoint!.Value);
        }

        [Fact]
        public async Task Profile_endpoint_url_is_the_last_resort()
        {
            SessionDefaults.Clear(false, false, true);

            var endpoint = await Ec2Endpoint(Settings(), new FakeEnvironment());

            Assert.Equal(new Uri("http://127.0.0.1:4005/"), endpoint!.Value);
            Assert.Equal("profile 'default' endpoint_url", endpoint.Source);
        }

        [Fact]
        public async Task No_override_anywhere_means_AWS_own_endpoint()
        {
            SessionDefaults.Clear(false, false, true);
            files.Write("", "");

            Assert.Null(await Ec2Endpoint(Settings(), new FakeEnvironment()));
        }

        [Fact]
        public async Task Ignore_configured_endpoints_turns_off_environment_and_profile()
        {
            SessionDefaults.Clear(false, false, true);
            h.Env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");

            Assert.Null(await Ec2Endpoint(Settings()));
        }

        [Fact]
        public async Task Ignore_configured_endpoints_keeps_the_parameter()
        {
            SessionDefaults.Clear(false, false, true);
            h.Env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");

            var endpoint = await Ec2Endpoint(Settings("http://127.0.0.1:4001/"));

            Assert.Equal(new Uri("http://127.0.0.1:4001/"), endpoint!.Value);
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("127.0.0.1:4566")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("/relative/path")]
        public async Task Malformed_parameter_is_InvalidEndpointUrl_before_credentials_are_looked_at(string url)
        {
            // No credentials at all: the endpoint must be refused first, not reported as NoCredentials.
            var settings = new ConnectionSettings { Region = "ap-northeast-1", EndpointUrl = url };

            var ex = await Assert.ThrowsAsync<PatternException>(() =>
                new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient).ResolveAsync(settings, h.Log, default));

            Assert.Equal("InvalidEndpointUrl", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, ex.Category);
            Assert.Contains("parameter -EndpointUrl", ex.Message);
        }

        [Fact]
        public async Task Malformed_environment_value_is_InvalidEndpointUrl_naming_the_variable()
        {
            SessionDefaults.Clear(false, false, true);
            h.Env.Set("AWS_ENDPOINT_URL_EC2", "localhost:4566");

            var ex = await Assert.ThrowsAsync<PatternException>(() => h.ResolveAsync(Settings()));

            Assert.Equal("InvalidEndpointUrl", ex.ErrorId);
            Assert.Contains("AWS_ENDPOINT_URL_EC2", ex.Message);
        }

        [Fact]
        public void Facade_validates_like_the_parameter()
        {
            EndpointResolverFacade.Validate("https://ec2.ap-northeast-1.amazonaws.com");
            Assert.Equal("InvalidEndpointUrl", Assert.Throws<PatternException>(() => EndpointResolverFacade.Validate("ec2.amazonaws.com")).ErrorId);
        }

        [Fact]
        public async Task Debug_lines_name_the_source_of_credentials_region_and_endpoint()
        {
            SessionDefaults.Clear(false, false, true);

            await h.ResolveAsync(Settings());

            var lines = h.Log.DebugLines;
            Assert.Contains(lines, l => l.StartsWith("Credentials:") && l.Contains("parameter -AccessKey/-SecretKey"));
            Assert.Contains(lines, l => l.StartsWith("Region:") && l.Contains("ap-northeast-1") && l.Contains("parameter -Region"));
            Assert.Contains(lines, l => l.StartsWith("Endpoint:") && l.Contains("127.0.0.1:4003") && l.Contains("environment AWS_ENDPOINT_URL_EC2"));
            Assert.DoesNotContain(lines, l => l.Contains("secret"));
        }

        [Fact]
        public async Task Debug_lines_name_profile_and_environment_sources_and_AWS_own_endpoint()
        {
            SessionDefaults.Clear(false, false, true);
            files.Write("[profile dev]\nregion = us-west-2\n", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n");
            var env = new FakeEnvironment().Set("AWS_PROFILE", "dev").Set("AWS_DEFAULT_REGION", "eu-west-1");

            await new AwsContextResolver(env, () => h.ImdsClient).ResolveAsync(new ConnectionSettings(), h.Log, default);

            var lines = h.Log.DebugLines;
            Assert.Equal(3, lines.Count);
            Assert.Contains("profile 'dev' (environment AWS_PROFILE)", lines[0]);
            Assert.Equal("Region: eu-west-1 (from environment AWS_DEFAULT_REGION).", lines[1]);
            Assert.Equal("Endpoint: AWS's own for the region.", lines[2]);
            Assert.DoesNotContain(lines, l => l.Contains("dev-secret"));
        }
    }
}
