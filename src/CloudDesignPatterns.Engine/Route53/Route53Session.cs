using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;

namespace CloudDesignPatterns.Engine.Route53
{
    /// <summary>
    /// Route 53 with one set of credentials: the client, the retrying runner EC2 uses (throttling, PriorRequestNotComplete
    /// and 5xx retried with back-off, one verbose line per attempt) and the log. Carries the command's region only to
    /// report it on results: Route 53 itself is global.
    /// </summary>
    public sealed class Route53Session
    {
        private static readonly ConcurrentDictionary<string, IRoute53Client> Clients = new ConcurrentDictionary<string, IRoute53Client>();

        public Route53Session(AwsContext context, IOperationLog log, RetryPolicy? policy = null)
            : this(context, log, policy ?? RetryPolicy.FromEnvironment(), null)
        {
        }

        internal Route53Session(AwsContext context, IOperationLog log, RetryPolicy policy, IRoute53Client? client)
        {
            Context = context;
            Log = log;
            Runner = new AwsCallRunner(log, policy);
            var endpoint = context.EndpointFor("ROUTE_53");
            Client = client ?? Clients.GetOrAdd($"{context.CredentialIdentity}|{endpoint?.Value}",
                _ => new Route53RestClient(endpoint?.Value, context.Credentials));
            if (endpoint != null) log.Debug($"Route 53 endpoint {endpoint.Value} ({endpoint.Source}); signing region {Route53RestClient.SigningRegion}");
        }

        public AwsContext Context { get; }
        public IOperationLog Log { get; }
        public AwsCallRunner Runner { get; }
        public string Region => Context.Region.Value;
        internal IRoute53Client Client { get; }

        public Route53Session WithLog(IOperationLog log) => new Route53Session(Context, log, Runner.Policy, Client);

        internal Task<T> CallAsync<T>(string action, string target, bool idempotent, Func<IRoute53Client, CancellationToken, Task<T>> call, CancellationToken cancel)
            => Runner.RunAsync("route53:" + action, target, idempotent, ct => call(Client, ct), cancel);

        /// <summary>The record sets from one name on (Route 53 lists in name order), following IsTruncated while <paramref name="more"/> says so.</summary>
        internal async Task<List<ResourceRecordSet>> ListRecordSetsAsync(string zoneId, string? startName, Func<ResourceRecordSet, bool> more, CancellationToken cancel)
        {
            var all = new List<ResourceRecordSet>();
            var request = new ListResourceRecordSetsRequest { HostedZoneId = zoneId, StartRecordName = startName };
            while (true)
            {
                var page = await CallAsync("ListResourceRecordSets", zoneId, true, (c, ct) => c.ListResourceRecordSetsAsync(request, ct), cancel).ConfigureAwait(false);
                foreach (var record in page.ResourceRecordSets)
                {
                    if (!more(record)) return all;
                    all.Add(record);
                }
                if (!page.IsTruncated) return all;
                request = new ListResourceRecordSetsRequest
                {
                    HostedZoneId = zoneId, StartRecordName = page.NextRecordName, StartRecordType = page.NextRecordType,
                    StartRecordIdentifier = page.NextRecordIdentifier,
                };
            }
        }

        /// <summary>Forgets clients of a stopped sandbox's endpoint.</summary>
        internal static void Forget(Uri endpoint)
        {
            foreach (var key in Clients.Keys)
                if (key.EndsWith("|" + endpoint, StringComparison.Ordinal)) Clients.TryRemove(key, out _);
        }
    }
}
