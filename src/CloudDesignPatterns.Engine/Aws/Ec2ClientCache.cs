using System;
using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>One EC2 client per (region, credentials, endpoint) for the process: clients hold connection pools.</summary>
    internal static class Ec2ClientCache
    {
        private static readonly ConcurrentDictionary<string, AmazonEC2Client> Clients = new ConcurrentDictionary<string, AmazonEC2Client>();

        public static AmazonEC2Client For(AwsContext context, RetryPolicy policy)
        {
            var endpoint = context.EndpointFor("EC2");
            var key = $"{context.Region.Value}|{context.CredentialIdentity}|{endpoint?.Value}";
            return Clients.GetOrAdd(key, _ => new AmazonEC2Client(context.Credentials, Config(context.Region.Value, endpoint?.Value, policy)));
        }

        internal static AmazonEC2Config Config(string region, Uri? endpoint, RetryPolicy policy)
        {
            var config = new AmazonEC2Config
            {
                MaxErrorRetry = 0, // AwsCallRunner retries, logs and bounds every attempt
                // The SDK otherwise re-sends a request whose connection reset, whatever MaxErrorRetry says: a dropped
                // CreateSnapshots or RunInstances would run twice. The runner decides, knowing whether the call is idempotent.
                MaxStaleConnectionRetries = 0,
                RetryMode = RequestRetryMode.Standard,
                Timeout = policy.AttemptTimeout,
            };
            if (endpoint != null)
            {
                config.ServiceURL = endpoint.ToString();
                config.AuthenticationRegion = region; // else the signing region falls back to AWS_REGION or us-east-1
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }
            return config;
        }

        /// <summary>
        /// Forgets the clients of one endpoint (a stopped sandbox). They are not disposed: another runspace may still be
        /// finishing a call with one; the garbage collector frees them.
        /// </summary>
        public static void Forget(Uri endpoint)
        {
            foreach (var key in Clients.Keys)
                if (key.EndsWith("|" + endpoint, StringComparison.Ordinal)) Clients.TryRemove(key, out _);
        }
    }
}
