using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Imds
{
    /// <summary>
    /// IMDSv2 client: a session token (PUT) cached until shortly before it expires, then GETs that carry it.
    /// Every read has one time budget for all its attempts, so off EC2 a caller gets one clear error quickly.
    /// </summary>
    public sealed class ImdsClient : IDisposable
    {
        private const string TokenPath = "/latest/api/token";
        private const string TokenHeader = "X-aws-ec2-metadata-token";
        private const string TtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
        private static readonly ConcurrentDictionary<string, ImdsClient> Shared = new ConcurrentDictionary<string, ImdsClient>();

        private readonly HttpClient http;
        private readonly Func<DateTime> utcNow;
        private readonly SemaphoreSlim tokenLock = new SemaphoreSlim(1, 1);
        private string? token;
        private DateTime tokenRenewAt;

        public ImdsClient(ImdsSettings settings, HttpMessageHandler? handler = null, Func<DateTime>? utcNow = null)
        {
            Settings = settings;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
            // Metadata is link-local: never send it through a proxy.
            http = new HttpClient(handler ?? new HttpClientHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public ImdsSettings Settings { get; }

        /// <summary>Number of token PUTs made; tests use it to prove the token is cached.</summary>
        public int TokenRequests { get; private set; }

        /// <summary>One client per endpoint for the process, so the token is shared by every cmdlet.</summary>
        public static ImdsClient ForCurrentEnvironment()
        {
            var settings = ImdsSettings.FromEnvironment();
            return Shared.GetOrAdd(settings.CacheKey, _ => new ImdsClient(settings));
        }

        /// <summary>Whether asking is worth it at all: not disabled, and either configured or plausibly on EC2.</summary>
        public bool IsUsable => !Settings.Disabled && (Settings.EndpointConfigured || Ec2HostDetector.MightBeEc2);

        /// <summary>A deadline shared by several reads that together answer one question (the identity, say).</summary>
        public CancellationTokenSource StartBudget(CancellationToken cancel)
        {
            var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            cts.CancelAfter(Settings.TotalBudget);
            return cts;
        }

        /// <summary>GET a metadata path such as "meta-data/instance-id". Null when the path does not exist (404).</summary>
        public async Task<string?> GetAsync(string path, CancellationToken budget)
        {
            EnsureUsable();
            var url = new Uri(Settings.Endpoint, "/latest/" + path.TrimStart('/'));
            Exception? last = null;
            for (var attempt = 1; attempt <= Settings.MaxAttempts; attempt++)
            {
                try
                {
                    var currentToken = await GetTokenAsync(budget).ConfigureAwait(false);
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation(TokenHeader, currentToken);
                    using var response = await SendAsync(request, budget).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.NotFound) return null;
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        InvalidateToken(); // expired or revoked: one fresh token, then try again
                        last = new HttpRequestException("401 Unauthorized");
                        continue;
                    }
                    if ((int)response.StatusCode >= 500) { last = new HttpRequestException($"HTTP {(int)response.StatusCode}"); await BackoffAsync(attempt, budget).ConfigureAwait(false); continue; }
                    if (!response.IsSuccessStatusCode)
                        throw Failure($"Instance metadata answered HTTP {(int)response.StatusCode} for {path}.", null);
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    last = ex;
                    if (budget.IsCancellationRequested) break;
                    await BackoffAsync(attempt, budget).ConfigureAwait(false);
                }
            }
            throw Unreachable(last);
        }

        private async Task<string> GetTokenAsync(CancellationToken budget)
        {
            if (token != null && utcNow() < tokenRenewAt) return token;
            await tokenLock.WaitAsync(budget).ConfigureAwait(false);
            try
            {
                if (token != null && utcNow() < tokenRenewAt) return token;
                using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(Settings.Endpoint, TokenPath));
                request.Headers.TryAddWithoutValidation(TtlHeader, Settings.TokenTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                TokenRequests++;
                using var response = await SendAsync(request, budget).ConfigureAwait(false);
                if ((int)response.StatusCode >= 500) throw new HttpRequestException($"token request answered HTTP {(int)response.StatusCode}");
                if (!response.IsSuccessStatusCode)
                    throw Failure($"Instance metadata refused a session token (HTTP {(int)response.StatusCode}). IMDSv2 may be blocked by a proxy or hop limit.", null);
                var issuedAt = utcNow();
                token = (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Trim();
                tokenRenewAt = issuedAt + TimeSpan.FromSeconds(Settings.TokenTtlSeconds) - Settings.TokenRenewBefore;
                return token;
            }
            finally { tokenLock.Release(); }
        }

        private void InvalidateToken() => token = null;

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken budget)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(budget);
            attempt.CancelAfter(Settings.AttemptTimeout);
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
        }

        private static Task BackoffAsync(int attempt, CancellationToken budget)
            => Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), budget).ContinueWith(_ => { }, TaskScheduler.Default);

        private static bool IsTransient(Exception ex)
            => ex is HttpRequestException || ex is System.IO.IOException || ex is WebException || ex is OperationCanceledException;

        private void EnsureUsable()
        {
            if (Settings.Disabled)
                throw new PatternException("ImdsDisabled", PatternErrorCategory.ResourceUnavailable,
                    "Instance metadata is disabled (AWS_EC2_METADATA_DISABLED=true), so the current instance cannot be identified. " +
                    "Name the instance with -InstanceId, or unset AWS_EC2_METADATA_DISABLED.");
            if (!IsUsable)
                throw new PatternException("NotOnEc2", PatternErrorCategory.ResourceUnavailable,
                    "This machine does not look like an EC2 instance, so there is no instance metadata to read. " +
                    "Name the instance with -InstanceId instead of -Self, or point AWS_EC2_METADATA_SERVICE_ENDPOINT at a metadata endpoint (e.g. the sandbox).");
        }

        private PatternException Unreachable(Exception? last)
            => Failure($"Instance metadata at {Settings.Endpoint} did not answer within {Settings.TotalBudget.TotalSeconds:0.#} s" +
                       (last == null ? "." : $" ({Describe(last)}).") +
                       " Off EC2 use -InstanceId instead of -Self; on EC2 check that the metadata service is enabled and the hop limit allows this process.", last);

        private static string Describe(Exception ex) => ex is OperationCanceledException ? "timed out" : ex.GetBaseException().Message;

        private static PatternException Failure(string message, Exception? inner)
            => new PatternException("ImdsUnavailable", PatternErrorCategory.ResourceUnavailable, message, inner: inner);

        public void Dispose()
        {
            http.Dispose();
            tokenLock.Dispose();
        }
    }
}
