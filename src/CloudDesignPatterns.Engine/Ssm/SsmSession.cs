using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;

namespace CloudDesignPatterns.Engine.Ssm
{
    /// <summary>
    /// SSM in one region with one set of credentials: the JSON client, the retrying runner EC2 uses (throttling and 5xx
    /// retried with back-off, one verbose line and one journal record per attempt) and the log.
    /// </summary>
    public sealed class SsmSession
    {
        private static readonly ConcurrentDictionary<string, ISsmClient> Clients = new ConcurrentDictionary<string, ISsmClient>();

        public SsmSession(AwsContext context, IOperationLog log, RetryPolicy? policy = null)
            : this(context, log, policy ?? RetryPolicy.FromEnvironment(), null)
        {
        }

        internal SsmSession(AwsContext context, IOperationLog log, RetryPolicy policy, ISsmClient? client)
        {
            Context = context;
            Log = log;
            Runner = new AwsCallRunner(log, policy);
            var endpoint = context.EndpointFor("SSM");
            Client = client ?? Clients.GetOrAdd($"{context.CredentialIdentity}|{context.Region.Value}|{endpoint?.Value}",
                _ => new SsmJsonClient(endpoint?.Value, context.Region.Value, context.Credentials));
            if (endpoint != null) log.Debug($"SSM endpoint {endpoint.Value} ({endpoint.Source})");
        }

        public AwsContext Context { get; }
        public IOperationLog Log { get; }
        public AwsCallRunner Runner { get; }
        public string Region => Context.Region.Value;
        internal ISsmClient Client { get; }

        public SsmSession WithLog(IOperationLog log) => new SsmSession(Context, log, Runner.Policy, Client);

        /// <summary>One action through the runner; reads and deletes are idempotent, creates and updates are not.</summary>
        internal Task<JsonObject> CallAsync(string action, string target, JsonObject request, CancellationToken cancel)
        {
            var idempotent = !(action.StartsWith("Create", StringComparison.Ordinal) || action.StartsWith("Update", StringComparison.Ordinal));
            // The body is sent once per attempt: a fresh copy each time, as JsonNode objects have one parent.
            var text = request.ToJsonString();
            return Runner.RunAsync("ssm:" + action, target, idempotent, ct => Client.CallAsync(action, (JsonObject)JsonNode.Parse(text)!, ct), cancel);
        }

        /// <summary>Every item of a paginated list (NextToken), page after page.</summary>
        internal async Task<List<JsonObject>> CallPagesAsync(string action, string target, JsonObject request, string itemsMember, CancellationToken cancel)
        {
            var all = new List<JsonObject>();
            string? next = null;
            do
            {
                var page = (JsonObject)JsonNode.Parse(request.ToJsonString())!;
                if (next != null) page["NextToken"] = next;
                var answer = await CallAsync(action, target, page, cancel).ConfigureAwait(false);
                foreach (var item in answer[itemsMember] as JsonArray ?? new JsonArray())
                    if (item is JsonObject o) all.Add(o);
                next = (answer["NextToken"] as JsonValue)?.ToString();
            } while (!string.IsNullOrEmpty(next));
            return all;
        }

        /// <summary>Forgets clients of a stopped sandbox's endpoint.</summary>
        internal static void Forget(Uri endpoint)
        {
            foreach (var key in Clients.Keys)
                if (key.EndsWith("|" + endpoint, StringComparison.Ordinal)) Clients.TryRemove(key, out _);
        }
    }
}
