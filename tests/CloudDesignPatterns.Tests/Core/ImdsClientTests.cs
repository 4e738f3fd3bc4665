using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Tests.Core
{
    public sealed class ImdsClientTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly FakeImdsHandler handler = new FakeImdsHandler();
        private DateTime now = Start;

        public ImdsClientTests()
        {
            handler.Tree["meta-data/instance-id"] = "i-0123456789abcdef0";
            handler.Tree["meta-data/placement/region"] = "ap-northeast-1";
        }

        /// <summary>Fast settings: the endpoint is never contacted for real, the handler answers.</summary>
        private static ImdsSettings FastSettings() => new ImdsSettings
        {
            Endpoint = new Uri("http://127.0.0.1:9/"),
            EndpointConfigured = true,
            AttemptTimeout = TimeSpan.FromMilliseconds(100),
            TotalBudget = TimeSpan.FromSeconds(2),
        };

        private ImdsClient Client(ImdsSettings? settings = null) => new ImdsClient(settings ?? FastSettings(), handler, () => now);

        private static async Task<string?> Get(ImdsClient client, string path)
        {
            using var budget = client.StartBudget(CancellationToken.None);
            return await client.GetAsync(path, budget.Token);
        }

        [Fact]
        public async Task Get_puts_a_token_first_then_sends_it_with_the_get()
        {
            using var client = Client();

            var value = await Get(client, "meta-data/instance-id");

            Assert.Equal("i-0123456789abcdef0", value);
            var requests = handler.Requests;
            Assert.Equal(2, requests.Count);
            Assert.Equal(HttpMethod.Put, requests[0].Method);
            Assert.Equal("/latest/api/token", requests[0].Path);
            Assert.Equal("21600", requests[0].Ttl);
            Assert.Equal(HttpMethod.Get, requests[1].Method);
            Assert.Equal("/latest/meta-data/instance-id", requests[1].Path);
            Assert.Equal("token-1", requests[1].Token);
        }

        [Fact]
        public async Task Token_is_cached_across_gets()
        {
            using var client = Client();

            await Get(client, "meta-data/instance-id");
            await Get(client, "meta-data/placement/region");
            await Get(client, "meta-data/instance-id");

            Assert.Equal(1, client.TokenRequests);
            Assert.Single(handler.Puts);
            Assert.All(handler.Gets, g => Assert.Equal("token-1", g.Token));
        }

        [Fact]
        public async Task Token_is_kept_until_the_renewal_time_and_renewed_shortly_before_it_expires()
        {
            var settings = FastSettings();
            settings.TokenTtlSeconds = 600;
            settings.TokenRenewBefore = TimeSpan.FromMinutes(1);
            using var client = Client(settings);

            await Get(client, "meta-data/instance-id");
            now = Start.AddMinutes(8.9); // renewal is due at 9 min
            await Get(client, "meta-data/instance-id");
            Assert.Equal(1, client.TokenRequests);

            now = Start.AddMinutes(9.5); // still valid for 30 s, but inside the renewal window
            await Get(client, "meta-data/instance-id");

            Assert.Equal(2, client.TokenRequests);
            Assert.Equal("token-2", handler.Gets[2].Token);
            Assert.Equal("600", handler.Puts[1].Ttl);
        }

        [Fact]
        public async Task Unauthorized_get_fetches_a_new_token_and_retries()
        {
            using var client = Client();
            await Get(client, "meta-data/instance-id");
            handler.RejectedTokens.Add("token-1"); // the service restarted: the cached token is no longer valid

            var value = await Get(client, "meta-data/placement/region");

            Assert.Equal("ap-northeast-1", value);
            Assert.Equal(2, client.TokenRequests);
            var gets = handler.Gets;
            Assert.Equal(3, gets.Count);
            Assert.Equal("token-1", gets[1].Token);
            Assert.Equal("token-2", gets[2].Token);
        }

        [Fact]
        public async Task Missing_path_answers_null()
        {
            using var client = Client();

            Assert.Null(await Get(client, "meta-data/iam/security-credentials/"));
            Assert.Single(handler.Gets);
        }

        [Fact]
        public async Task Server_error_is_retried_and_the_next_answer_wins()
        {
            var failures = 1;
            handler.OnRequest = (r, _) => Task.FromResult<HttpResponseMessage?>(
                r.Method == HttpMethod.Get && failures-- > 0 ? FakeImdsHandler.Text(HttpStatusCode.ServiceUnavailable, "") : null);
            using var client = Client();

            Assert.Equal("i-0123456789abcdef0", await Get(client, "meta-data/instance-id"));
            Assert.Equal(2, handler.Gets.Count);
        }

        [Fact]
        public async Task Connection_failures_are_retried_up_to_max_attempts_then_one_ImdsUnavailable()
        {
            handler.OnRequest = (r, _) => throw new HttpRequestException("Connection refused");
            using var client = Client();

            var ex = await Assert.ThrowsAsync<PatternException>(() => Get(client, "meta-data/instance-id"));

            Assert.Equal("ImdsUnavailable", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.ResourceUnavailable, ex.Category);
            Assert.Equal(3, handler.Requests.Count); // MaxAttempts token PUTs, never a GET without a token
            Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Put, r.Method));
            Assert.Contains("Connection refused", ex.Message);
        }

        [Fact]
        public async Task Hanging_attempts_time_out_each_and_are_retried_then_ImdsUnavailable()
        {
            handler.OnRequest = async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; };
            var settings = FastSettings();
            settings.AttemptTimeout = TimeSpan.FromMilliseconds(30);
            using var client = Client(settings);

            var ex = await Assert.ThrowsAsync<PatternException>(() => Get(client, "meta-data/instance-id"));

            Assert.Equal("ImdsUnavailable", ex.ErrorId);
            Assert.Equal(settings.MaxAttempts, handler.Requests.Count);
            Assert.Contains("timed out", ex.Message);
        }

        [Fact]
        public async Task Total_budget_stops_the_retries_even_when_attempts_remain()
        {
            handler.OnRequest = async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; };
            var settings = FastSettings();
            settings.AttemptTimeout = TimeSpan.FromSeconds(30); // only the budget can end the first attempt
            settings.TotalBudget = TimeSpan.FromMilliseconds(80);
            settings.MaxAttempts = 5;
            using var client = Client(settings);

            var ex = await Assert.ThrowsAsync<PatternException>(() => Get(client, "meta-data/instance-id"));

            Assert.Equal("ImdsUnavailable", ex.ErrorId);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Disabled_throws_ImdsDisabled_without_any_request()
        {
            var settings = FastSettings();
            settings.Disabled = true;
            using var client = Client(settings);

            var ex = await Assert.ThrowsAsync<PatternException>(() => Get(client, "meta-data/instance-id"));

            Assert.Equal("ImdsDisabled", ex.ErrorId);
            Assert.Empty(handler.Requests);
            Assert.False(client.IsUsable);
            Assert.Equal(0, client.TokenRequests);
        }

        [Fact]
        public void Settings_from_environment_take_endpoint_and_disabled_switch()
        {
            var env = new FakeEnvironment()
                .Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:18080/")
                .Set("AWS_EC2_METADATA_DISABLED", "TRUE");

            var settings = ImdsSettings.FromEnvironment(env);

            Assert.Equal(new Uri("http://127.0.0.1:18080/"), settings.Endpoint);
            Assert.True(settings.EndpointConfigured);
            Assert.True(settings.Disabled);
        }

        [Fact]
        public void Settings_from_empty_environment_use_link_local_endpoint_enabled_not_configured()
        {
            var settings = ImdsSettings.FromEnvironment(new FakeEnvironment());

            Assert.Equal(new Uri(ImdsSettings.DefaultEndpoint), settings.Endpoint);
            Assert.False(settings.EndpointConfigured);
            Assert.False(settings.Disabled);
            Assert.Equal(TimeSpan.FromSeconds(2), settings.TotalBudget);
        }

        [Fact]
        public void Settings_ignore_a_malformed_endpoint_and_a_non_true_disabled_value()
        {
            var env = new FakeEnvironment()
                .Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "not a url")
                .Set("AWS_EC2_METADATA_DISABLED", "false");

            var settings = ImdsSettings.FromEnvironment(env);

            Assert.False(settings.EndpointConfigured);
            Assert.False(settings.Disabled);
        }
    }
}
