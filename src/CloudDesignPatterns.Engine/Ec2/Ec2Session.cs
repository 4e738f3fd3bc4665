using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2.Query;

namespace CloudDesignPatterns.Engine.Ec2
{
    /// <summary>EC2 in one region with one set of credentials: the client, the retrying runner and the log.</summary>
    public sealed class Ec2Session
    {
        private readonly AmazonEC2Client client;

        public Ec2Session(AwsContext context, IOperationLog log, RetryPolicy? policy = null)
        {
            Context = context;
            Log = log;
            Runner = new AwsCallRunner(log, policy ?? RetryPolicy.FromEnvironment());
            client = Ec2ClientCache.For(context, Runner.Policy);
        }

        public AwsContext Context { get; }
        public IOperationLog Log { get; }
        public AwsCallRunner Runner { get; }
        public string Region => Context.Region.Value;

        /// <summary>The same session reporting to another log (a later phase of a command has a new pipeline pump).</summary>
        public Ec2Session WithLog(IOperationLog log) => new Ec2Session(Context, log, Runner.Policy);

        /// <summary>The same credentials and endpoint in another region.</summary>
        public Ec2Session InRegion(string region) => region == Region ? this : new Ec2Session(Context.WithRegion(region, "derived"), Log, Runner.Policy);

        /// <param name="idempotent">True for reads and for writes that are safe to repeat; false for creates.</param>
        internal Task<T> CallAsync<T>(string action, string target, bool idempotent, Func<AmazonEC2Client, CancellationToken, Task<T>> call, CancellationToken cancel)
            => Runner.RunAsync("ec2:" + action, target, idempotent, ct => call(client, ct), cancel);

        /// <summary>Every item of a paginated describe, page after page (NextToken), each page a call through the runner.</summary>
        /// <param name="page">Asks for the page after a token (null: the first page).</param>
        internal async Task<List<TItem>> CallPagesAsync<TPage, TItem>(string action, string target,
            Func<AmazonEC2Client, string?, CancellationToken, Task<TPage>> page, Func<TPage, IEnumerable<TItem>?> items,
            Func<TPage, string?> nextToken, CancellationToken cancel)
        {
            var all = new List<TItem>();
            string? next = null;
            do
            {
                var token = next;
                var answer = await CallAsync(action, target, true, (c, ct) => page(c, token, ct), cancel).ConfigureAwait(false);
                all.AddRange(items(answer) ?? Array.Empty<TItem>());
                next = nextToken(answer);
            } while (!string.IsNullOrEmpty(next));
            return all;
        }

        /// <summary>
        /// A read sent without the SDK (<see cref="Ec2QueryCall"/>) to the endpoint the SDK client would use, through the
        /// same runner: for describes too large for the SDK's unmarshaller. The caller parses and disposes the answer.
        /// </summary>
        internal Task<Ec2QueryResponse> QueryAsync(string action, string target, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancel)
            => Runner.RunAsync("ec2:" + action, target, true,
                ct => Ec2QueryCall.FetchAsync(Endpoint, Region, Context.Credentials, action, parameters, ct), cancel);

        /// <summary>The EC2 endpoint the SDK resolves for this region and configuration (an override, FIPS, a partition…).</summary>
        private Uri Endpoint => endpoint ??= new Uri(client.DetermineServiceOperationEndpoint(new Amazon.EC2.Model.DescribeSnapshotsRequest()).URL);
        private Uri? endpoint;
    }
}
