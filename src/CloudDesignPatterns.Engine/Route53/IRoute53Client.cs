using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Route53
{
    /// <summary>
    /// The subset of AWSSDK.Route53's IAmazonRoute53 the DNS failover pattern uses, same method names. AWSSDK.Route53 is
    /// not served by our package registry; <see cref="Route53RestClient"/> implements this over REST-XML with our signer.
    /// Errors are thrown as Amazon.Runtime.AmazonServiceException (code, HTTP status), as the SDK would.
    /// </summary>
    internal interface IRoute53Client
    {
        Task<ListHostedZonesResponse> ListHostedZonesAsync(string? marker, CancellationToken cancel);
        Task<ListHostedZonesByNameResponse> ListHostedZonesByNameAsync(ListHostedZonesByNameRequest request, CancellationToken cancel);
        Task<GetHostedZoneResponse> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancel);
        Task<ListResourceRecordSetsResponse> ListResourceRecordSetsAsync(ListResourceRecordSetsRequest request, CancellationToken cancel);
        Task<ChangeInfo> ChangeResourceRecordSetsAsync(ChangeResourceRecordSetsRequest request, CancellationToken cancel);
        Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancel);
        Task<HealthCheck> CreateHealthCheckAsync(string callerReference, HealthCheckConfig config, CancellationToken cancel);
        Task<HealthCheck> GetHealthCheckAsync(string healthCheckId, CancellationToken cancel);
        Task<List<HealthCheckObservation>> GetHealthCheckStatusAsync(string healthCheckId, CancellationToken cancel);
        Task DeleteHealthCheckAsync(string healthCheckId, CancellationToken cancel);
    }
}
