using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>The DNS settings of this instance (-Self): typed parameters win, then cdp:dns:* tags and user data.</summary>
    public sealed class DnsSelfSettings
    {
        public string InstanceId { get; set; } = "";
        public string? HostedZoneId { get; set; }
        public string? RecordName { get; set; }
        public long? Ttl { get; set; }
        public string? HealthCheckId { get; set; }
        /// <summary>This instance's private address, or its public one with -Public.</summary>
        public string Address { get; set; } = "";
    }

    /// <summary>
    /// Reads who this instance is and its cdp:dns:* settings from instance metadata (DescribeTags only where
    /// instance-metadata tags are off), and its address: local-ipv4, or public-ipv4 with -Public.
    /// </summary>
    public static class DnsSelfResolver
    {
        public static async Task<DnsSelfSettings> ResolveAsync(IReadOnlyDictionary<string, object?> typed, bool publicAddress,
            Func<Task<Ec2Session>> openEc2, IOperationLog log, CancellationToken cancel)
        {
            var settings = await SelfInstance.ReadAsync(openEc2, cancel).ConfigureAwait(false);
            var identity = settings.Identity!;
            var configuration = ConfigurationResolver.Resolve("dns", settings.Tags, settings.UserData.Settings, typed, identity.InstanceId, identity.Region);
            foreach (var warning in configuration.Warnings) log.Warning(warning);

            var address = identity.PrivateIpAddress;
            if (publicAddress)
            {
                var imds = ImdsClient.ForCurrentEnvironment(); // shared per environment: not disposed here
                using var budget = imds.StartBudget(cancel);
                address = (await imds.GetAsync("meta-data/public-ipv4", budget.Token).ConfigureAwait(false))?.Trim()
                    ?? throw new PatternException("NoPublicAddress", PatternErrorCategory.InvalidOperation,
                        $"-Public: instance metadata shows no public IPv4 address for {identity.InstanceId}; drop -Public to register its private address {identity.PrivateIpAddress}.");
            }
            var ttl = configuration.Find("Ttl")?.Value;
            return new DnsSelfSettings
            {
                InstanceId = identity.InstanceId,
                HostedZoneId = configuration.Find("HostedZoneId")?.Value as string,
                RecordName = configuration.Find("RecordName")?.Value as string,
                Ttl = ttl == null ? (long?)null : Convert.ToInt64(ttl),
                HealthCheckId = configuration.Find("HealthCheckId")?.Value as string,
                Address = address,
            };
        }
    }
}
