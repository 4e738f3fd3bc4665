using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Engine.Ssm
{
    /// <summary>
    /// SSM over its JSON 1.1 protocol (POST / with X-Amz-Target: AmazonSSM.&lt;Action&gt;), one request per call (the
    /// caller's runner retries), signed with our SigV4 signer for "ssm" in the command's region and sent on the HTTP
    /// client the EC2 Query calls share. Why not AWSSDK.SimpleSystemsManagement: the served 4.1.1.1 needs AWSSDK.Core
    /// 4.1.1, which would lift the Core every other AWSSDK package of the module was built and tested against
    /// (docs/dependency-isolation.md); the seven State Manager actions we use are small enough to speak directly.
    /// </summary>
    internal sealed class SsmJsonClient : ISsmClient
    {
        public const string SigningService = "ssm";
        private const string TargetPrefix = "AmazonSSM.";
        private static readonly HttpClient Http = new HttpClient(QueryHttpHandler.Create()) { Timeout = Timeout.InfiniteTimeSpan };
        private static readonly SigV4HttpRequestSigner Signer = new SigV4HttpRequestSigner();

        private readonly AWSCredentials credentials;

        public SsmJsonClient(Uri? endpoint, string region, AWSCredentials credentials)
        {
            Endpoint = endpoint ?? DefaultEndpoint(region);
            Region = region;
            this.credentials = credentials;
        }

        public Uri Endpoint { get; }
        public string Region { get; }

        /// <summary>The aws partition's regional endpoint; others come through the endpoint settings (AWS_ENDPOINT_URL_SSM).</summary>
        public static Uri DefaultEndpoint(string region) => new Uri($"https://ssm.{region}.amazonaws.com/");

        public async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancel)
        {
            var keys = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint);
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.ToJsonString()));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
            message.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + action);
            await Signer.SignAsync(message, new SigV4Credentials(keys.AccessKey, keys.SecretKey, keys.Token),
                SigV4SigningOptions.ForService(Region, SigningService, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            using var response = await Http.SendAsync(message, cancel).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode) throw Error(text, response.StatusCode, requestId);
            if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
            try { return JsonNode.Parse(text) as JsonObject ?? new JsonObject(); }
            catch (JsonException e) { throw new SsmServiceException($"SSM answered {action} with something that is not JSON: {e.Message}", null, requestId, HttpStatusCode.BadGateway); }
        }

        /// <summary>"__type" may carry a namespace ("com.amazonaws.ssm#AssociationDoesNotExist"); the code is the part after '#'.</summary>
        internal static SsmServiceException Error(string body, HttpStatusCode status, string? requestId)
        {
            string? code = null, message = null;
            try
            {
                if (JsonNode.Parse(body) is JsonObject error)
                {
                    code = (error["__type"] as JsonValue)?.ToString();
                    message = ((error["message"] ?? error["Message"]) as JsonValue)?.ToString();
                }
            }
            catch (JsonException) { }
            if (code != null && code.Contains("#")) code = code.Substring(code.LastIndexOf('#') + 1);
            return new SsmServiceException(message ?? $"SSM answered HTTP {(int)status}.", code, requestId, status);
        }
    }
}
