using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>One request as the fake metadata service saw it.</summary>
    internal sealed class RecordedImdsRequest
    {
        public RecordedImdsRequest(HttpMethod method, string path, string? token, string? ttl)
        {
            Method = method; Path = path; Token = token; Ttl = ttl;
        }
        public HttpMethod Method { get; }
        public string Path { get; }
        public string? Token { get; }
        public string? Ttl { get; }
    }

    /// <summary>
    /// An IMDSv2 stand-in behind <see cref="HttpMessageHandler"/>: issues tokens "token-1", "token-2", … and answers GETs
    /// from a path → text tree. <see cref="OnRequest"/> lets a test replace the answer (errors, hangs) per request.
    /// </summary>
    internal sealed class FakeImdsHandler : HttpMessageHandler
    {
        private readonly List<RecordedImdsRequest> requests = new List<RecordedImdsRequest>();
        private int tokensIssued;

        public Dictionary<string, string> Tree { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Return null to fall through to the normal answer.</summary>
        public Func<RecordedImdsRequest, CancellationToken, Task<HttpResponseMessage?>>? OnRequest { get; set; }

        /// <summary>Tokens that the GET side refuses with 401 (expired or revoked).</summary>
        public HashSet<string> RejectedTokens { get; } = new HashSet<string>();

        public IReadOnlyList<RecordedImdsRequest> Requests { get { lock (requests) return requests.ToList(); } }
        public IReadOnlyList<RecordedImdsRequest> Gets => Requests.Where(r => r.Method == HttpMethod.Get).ToList();
        public IReadOnlyList<RecordedImdsRequest> Puts => Requests.Where(r => r.Method == HttpMethod.Put).ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var recorded = new RecordedImdsRequest(request.Method, request.RequestUri!.AbsolutePath,
                Header(request, "X-aws-ec2-metadata-token"), Header(request, "X-aws-ec2-metadata-token-ttl-seconds"));
            lock (requests) requests.Add(recorded);
            if (OnRequest != null)
            {
                var custom = await OnRequest(recorded, cancellationToken).ConfigureAwait(false);
                if (custom != null) return custom;
            }
            if (request.Method == HttpMethod.Put && recorded.Path == "/latest/api/token")
                return Text(HttpStatusCode.OK, "token-" + Interlocked.Increment(ref tokensIssued));
            if (request.Method != HttpMethod.Get || recorded.Token == null || RejectedTokens.Contains(recorded.Token))
                return Text(HttpStatusCode.Unauthorized, "");
            var key = recorded.Path.Substring("/latest/".Length);
            return Tree.TryGetValue(key, out var body) ? Text(HttpStatusCode.OK, body) : Text(HttpStatusCode.NotFound, "");
        }

        public static HttpResponseMessage Text(HttpStatusCode status, string body)
            => new HttpResponseMessage(status) { Content = new StringContent(body) };

        private static string? Header(HttpRequestMessage request, string name)
            => request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
