using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Everything one cmdlet invocation needs to call AWS: region, credentials and endpoints, each with its source.
    /// Built once per invocation by <see cref="AwsContextResolver"/>; clients are reused across invocations.
    /// </summary>
    public sealed class AwsContext
    {
        internal AwsContext(Resolved<string> region, Resolved<string> credentialSource, AWSCredentials credentials,
            string credentialIdentity, Func<string, Resolved<Uri>?> endpointFor, string? profileName)
        {
            Region = region;
            CredentialSource = credentialSource;
            Credentials = credentials;
            CredentialIdentity = credentialIdentity;
            this.endpointFor = endpointFor;
            ProfileName = profileName;
        }

        private readonly Func<string, Resolved<Uri>?> endpointFor;
        private readonly Dictionary<string, Resolved<Uri>?> endpoints = new Dictionary<string, Resolved<Uri>?>();

        public Resolved<string> Region { get; }
        /// <summary>Where the credentials came from ("parameter -AccessKey", "profile 'dev'", "instance role", …); never the secret.</summary>
        public Resolved<string> CredentialSource { get; }
        public string? ProfileName { get; }

        internal AWSCredentials Credentials { get; }
        /// <summary>Distinguishes credential sets in the client cache without holding a secret in the key.</summary>
        internal string CredentialIdentity { get; }

        /// <summary>The endpoint override for a service ("EC2", "ROUTE_53", "STS"), or null for AWS's own endpoint.</summary>
        public Resolved<Uri>? EndpointFor(string service)
        {
            lock (endpoints)
            {
                if (!endpoints.TryGetValue(service, out var value))
                    endpoints[service] = value = endpointFor(service);
                return value;
            }
        }

        /// <summary>The same credentials and endpoints in another region (a DR copy, a cross-region describe).</summary>
        public AwsContext WithRegion(string region, string source)
            => new AwsContext(new Resolved<string>(region, source), CredentialSource, Credentials, CredentialIdentity, endpointFor, ProfileName);
    }
}
