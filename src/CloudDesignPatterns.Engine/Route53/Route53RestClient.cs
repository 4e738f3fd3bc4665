using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Signing;
using static CloudDesignPatterns.Engine.Route53.Route53Wire;

namespace CloudDesignPatterns.Engine.Route53
{
    /// <summary>
    /// <see cref="IRoute53Client"/> over Route 53's REST-XML API: one request per call (the caller's runner retries),
    /// signed with our SigV4 signer for "route53" in us-east-1 (Route 53 is global, whatever region the command targets),
    /// sent on the HTTP client the EC2 Query calls share (same proxy settings and connection recycling).
    /// </summary>
    internal sealed class Route53RestClient : IRoute53Client
    {
        /// <summary>The only endpoint built in: the aws partition's. Others come through the endpoint settings.</summary>
        public static readonly Uri DefaultEndpoint = new Uri("https://route53.amazonaws.com/");
        public const string SigningRegion = "us-east-1";
        public const string SigningService = "route53";
        private const string ApiPath = "2013-04-01/";
        private static readonly HttpClient Http = new HttpClient(QueryHttpHandler.Create()) { Timeout = Timeout.InfiniteTimeSpan };
        private static readonly SigV4HttpRequestSigner Signer = new SigV4HttpRequestSigner();

        private readonly Uri endpoint;
        private readonly AWSCredentials credentials;

        public Route53RestClient(Uri? endpoint, AWSCredentials credentials)
        {
            var root = endpoint ?? DefaultEndpoint;
            this.endpoint = root.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? root : new Uri(root.AbsoluteUri + "/");
            this.credentials = credentials;
        }

        public Uri Endpoint => endpoint;

        public async Task<ListHostedZonesResponse> ListHostedZonesAsync(string? marker, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, "hostedzone", Query(("marker", marker)), null, cancel).ConfigureAwait(false);
            return new ListHostedZonesResponse
            {
                HostedZones = Children(Child(root, "HostedZones"), "HostedZone").Select(Zone).ToList(),
                IsTruncated = Text(root, "IsTruncated") == "true",
                NextMarker = Text(root, "NextMarker"),
            };
        }

        public async Task<ListHostedZonesByNameResponse> ListHostedZonesByNameAsync(ListHostedZonesByNameRequest request, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, "hostedzonesbyname",
                Query(("dnsname", request.DNSName), ("hostedzoneid", request.HostedZoneId), ("maxitems", request.MaxItems?.ToString())), null, cancel).ConfigureAwait(false);
            return new ListHostedZonesByNameResponse
            {
                HostedZones = Children(Child(root, "HostedZones"), "HostedZone").Select(Zone).ToList(),
                IsTruncated = Text(root, "IsTruncated") == "true",
                NextDNSName = Text(root, "NextDNSName"),
                NextHostedZoneId = Text(root, "NextHostedZoneId"),
            };
        }

        public async Task<GetHostedZoneResponse> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, "hostedzone/" + Escape(BareId(hostedZoneId)), "", null, cancel).ConfigureAwait(false);
            return new GetHostedZoneResponse
            {
                HostedZone = Zone(Child(root, "HostedZone") ?? throw new FormatException("Route 53's answer has no HostedZone.")),
                VPCs = Children(Child(root, "VPCs"), "VPC").Select(v => new VPC { VPCRegion = Text(v, "VPCRegion") ?? "", VPCId = Text(v, "VPCId") ?? "" }).ToList(),
            };
        }

        public async Task<ListResourceRecordSetsResponse> ListResourceRecordSetsAsync(ListResourceRecordSetsRequest request, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, $"hostedzone/{Escape(BareId(request.HostedZoneId))}/rrset",
                Query(("name", request.StartRecordName), ("type", request.StartRecordType), ("identifier", request.StartRecordIdentifier),
                      ("maxitems", request.MaxItems?.ToString())), null, cancel).ConfigureAwait(false);
            return new ListResourceRecordSetsResponse
            {
                ResourceRecordSets = Children(Child(root, "ResourceRecordSets"), "ResourceRecordSet").Select(RecordSet).ToList(),
                IsTruncated = Text(root, "IsTruncated") == "true",
                NextRecordName = Text(root, "NextRecordName"),
                NextRecordType = Text(root, "NextRecordType"),
                NextRecordIdentifier = Text(root, "NextRecordIdentifier"),
            };
        }

        public async Task<ChangeInfo> ChangeResourceRecordSetsAsync(ChangeResourceRecordSetsRequest request, CancellationToken cancel)
            => Route53Wire.ChangeInfo(await SendAsync(HttpMethod.Post, $"hostedzone/{Escape(BareId(request.HostedZoneId))}/rrset/", "",
                ChangeBatch(request), cancel).ConfigureAwait(false));

        public async Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancel)
            => Route53Wire.ChangeInfo(await SendAsync(HttpMethod.Get, "change/" + Escape(BareId(changeId)), "", null, cancel).ConfigureAwait(false));

        public async Task<HealthCheck> CreateHealthCheckAsync(string callerReference, HealthCheckConfig config, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Post, "healthcheck", "", HealthCheckRequest(callerReference, config), cancel).ConfigureAwait(false);
            return HealthCheck(Child(root, "HealthCheck") ?? throw new FormatException("Route 53's answer has no HealthCheck."));
        }

        public async Task<HealthCheck> GetHealthCheckAsync(string healthCheckId, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, "healthcheck/" + Escape(healthCheckId), "", null, cancel).ConfigureAwait(false);
            return HealthCheck(Child(root, "HealthCheck") ?? throw new FormatException("Route 53's answer has no HealthCheck."));
        }

        public async Task<List<HealthCheckObservation>> GetHealthCheckStatusAsync(string healthCheckId, CancellationToken cancel)
        {
            var root = await SendAsync(HttpMethod.Get, $"healthcheck/{Escape(healthCheckId)}/status", "", null, cancel).ConfigureAwait(false);
            return Children(Child(root, "HealthCheckObservations"), "HealthCheckObservation")
                .Select(o => new HealthCheckObservation { Region = Text(o, "Region") ?? "", Status = Text(Child(o, "StatusReport"), "Status") ?? "" })
                .ToList();
        }

        public Task DeleteHealthCheckAsync(string healthCheckId, CancellationToken cancel)
            => SendAsync(HttpMethod.Delete, "healthcheck/" + Escape(healthCheckId), "", null, cancel);

        /// <summary>Signs right before sending; an error answer is thrown as <see cref="Route53ServiceException"/>.</summary>
        private async Task<XElement> SendAsync(HttpMethod method, string path, string query, string? body, CancellationToken cancel)
        {
            var keys = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(endpoint, ApiPath + path + query));
            if (body != null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/xml");
            }
            await Signer.SignAsync(request, new SigV4Credentials(keys.AccessKey, keys.SecretKey, keys.Token),
                SigV4SigningOptions.ForService(SigningRegion, SigningService, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            using var response = await Http.SendAsync(request, cancel).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Route53Wire.Error(text, response.StatusCode,
                    response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null);
            return string.IsNullOrWhiteSpace(text) ? new XElement(Ns + "Empty") : Parse(text);
        }

        private static string Escape(string segment) => Uri.EscapeDataString(segment);

        private static string Query(params (string Name, string? Value)[] parameters)
        {
            var set = parameters.Where(p => p.Value != null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
            return set.Count == 0 ? "" : "?" + string.Join("&", set);
        }
    }
}
