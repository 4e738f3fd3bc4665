using System;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Engine.Imds
{
    /// <summary>Where instance metadata is, whether it may be used, and how long we may wait for it.</summary>
    public sealed class ImdsSettings
    {
        /// <summary>The link-local address of the real service; used only when no endpoint is configured and we are on EC2.</summary>
        public const string DefaultEndpoint = "http://169.254.169.254";

        public Uri Endpoint { get; set; } = new Uri(DefaultEndpoint);
        /// <summary>True when AWS_EC2_METADATA_SERVICE_ENDPOINT named the endpoint (a sandbox, a proxy, IPv6).</summary>
        public bool EndpointConfigured { get; set; }
        /// <summary>AWS_EC2_METADATA_DISABLED=true: make no request at all.</summary>
        public bool Disabled { get; set; }
        /// <summary>Total time for one metadata read, all attempts included.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(2);
        /// <summary>Time for one attempt (connect + answer).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(600);
        public int MaxAttempts { get; set; } = 3;
        public int TokenTtlSeconds { get; set; } = 21600;
        /// <summary>A token is renewed this long before it expires, so a long run never sends an expired one.</summary>
        public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(5);

        public static ImdsSettings FromEnvironment(EnvironmentReader? env = null)
        {
            env ??= EnvironmentReader.Process;
            var settings = new ImdsSettings { Disabled = env.IsTrue("AWS_EC2_METADATA_DISABLED") };
            var configured = env.Get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
            if (configured != null && Uri.TryCreate(configured, UriKind.Absolute, out var uri))
            {
                settings.Endpoint = uri;
                settings.EndpointConfigured = true;
            }
            return settings;
        }

        public string CacheKey => $"{Disabled}|{Endpoint}";
    }
}
