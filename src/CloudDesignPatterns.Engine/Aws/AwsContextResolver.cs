using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Resolves region, credentials and endpoint in DESIGN.md's order — parameter → session default → environment →
    /// shared profile → instance metadata — and reports on the debug stream where each value came from.
    /// Validation happens here, before any AWS call.
    /// </summary>
    public sealed class AwsContextResolver
    {
        private readonly EnvironmentReader env;
        private readonly Func<ImdsClient> imds;

        public AwsContextResolver(EnvironmentReader? env = null, Func<ImdsClient>? imds = null)
        {
            this.env = env ?? EnvironmentReader.Process;
            this.imds = imds ?? ImdsClient.ForCurrentEnvironment;
        }

        public async Task<AwsContext> ResolveAsync(ConnectionSettings settings, IOperationLog log, CancellationToken cancel)
        {
            var defaults = SessionDefaults.Current;
            var endpoints = new EndpointResolver(env, settings, defaults);
            endpoints.ValidateExplicit();

            var (credentialSource, credentials, identity, profileName) = new CredentialResolver(env, imds).Resolve(settings, defaults);
            log.Debug($"Credentials: {credentialSource.Source}.");

            var region = await ResolveRegionAsync(settings, defaults, profileName, cancel).ConfigureAwait(false);
            log.Debug($"Region: {region}.");
            var context = new AwsContext(region, credentialSource, credentials, identity, endpoints.Resolve, profileName);
            var ec2Endpoint = context.EndpointFor("EC2");
            log.Debug(ec2Endpoint == null ? "Endpoint: AWS's own for the region." : $"Endpoint: {ec2Endpoint}.");
            return context;
        }

        private async Task<Resolved<string>> ResolveRegionAsync(ConnectionSettings settings, SessionDefaults.Snapshot defaults, string? profileName, CancellationToken cancel)
        {
            if (settings.Region != null) return Checked(settings.Region, "parameter -Region");
            if (defaults.Region != null) return Checked(defaults.Region, "session default");
            var fromEnv = env.Get("AWS_REGION");
            if (fromEnv != null) return Checked(fromEnv, "environment AWS_REGION");
            fromEnv = env.Get("AWS_DEFAULT_REGION");
            if (fromEnv != null) return Checked(fromEnv, "environment AWS_DEFAULT_REGION");

            var profile = profileName ?? env.Get("AWS_PROFILE") ?? "default";
            if (CredentialResolver.ProfileStore.TryGetProfile(profile, out var p) && p.Region != null)
                return Checked(p.Region.SystemName, $"profile '{profile}'");

            var metadata = imds();
            if (metadata.IsUsable)
            {
                using var budget = metadata.StartBudget(cancel);
                string? region;
                try { region = await metadata.GetAsync("meta-data/placement/region", budget.Token).ConfigureAwait(false); }
                catch (PatternException) when (cancel.IsCancellationRequested) { throw new OperationCanceledException(cancel); }
                if (!string.IsNullOrWhiteSpace(region)) return Checked(region!.Trim(), "instance metadata");
            }
            throw new PatternException("RegionNotResolved", PatternErrorCategory.InvalidArgument,
                "No AWS region: pass -Region, run Set-PatternDefault -Region, set AWS_REGION, or put 'region' in the profile.");
        }

        /// <summary>
        /// The name must look like a region. Whether it exists is checked against the SDK's list here, and against the
        /// endpoint's own list (DescribeRegions) by <see cref="RegionValidator"/> when an endpoint override is in use.
        /// </summary>
        private static Resolved<string> Checked(string region, string source)
        {
            if (!RegionCatalog.HasRegionShape(region))
                throw new PatternException("InvalidRegion", PatternErrorCategory.InvalidArgument,
                    $"'{region}' ({source}) is not a region name; expected a name such as 'ap-northeast-1' or 'us-east-1'.");
            return new Resolved<string>(region, source);
        }
    }
}
