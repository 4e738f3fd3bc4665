using System;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Endpoint overrides: -EndpointUrl → session default → AWS_ENDPOINT_URL_&lt;SERVICE&gt; → AWS_ENDPOINT_URL →
    /// the profile's endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns off the configured ones (not the parameter).
    /// </summary>
    internal sealed class EndpointResolver
    {
        private readonly EnvironmentReader env;
        private readonly ConnectionSettings settings;
        private readonly SessionDefaults.Snapshot defaults;

        public EndpointResolver(EnvironmentReader env, ConnectionSettings settings, SessionDefaults.Snapshot defaults)
        {
            this.env = env; this.settings = settings; this.defaults = defaults;
        }

        /// <summary>A malformed -EndpointUrl is refused before anything else happens.</summary>
        public void ValidateExplicit()
        {
            if (settings.EndpointUrl != null) Parse(settings.EndpointUrl, "parameter -EndpointUrl");
        }

        /// <param name="service">"EC2", "ROUTE_53", "STS": the suffix of AWS_ENDPOINT_URL_&lt;SERVICE&gt;.</param>
        public Resolved<Uri>? Resolve(string service)
        {
            if (settings.EndpointUrl != null) return Parse(settings.EndpointUrl, "parameter -EndpointUrl");
            if (defaults.EndpointUrl != null) return Parse(defaults.EndpointUrl, "session default");
            if (env.IsTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) return null;
            var specific = env.Get("AWS_ENDPOINT_URL_" + service);
            if (specific != null) return Parse(specific, "environment AWS_ENDPOINT_URL_" + service);
            var general = env.Get("AWS_ENDPOINT_URL");
            if (general != null) return Parse(general, "environment AWS_ENDPOINT_URL");
            var profileName = settings.ProfileName ?? defaults.ProfileName ?? env.Get("AWS_PROFILE") ?? "default";
            if (CredentialResolver.ProfileStore.TryGetProfile(profileName, out var profile) && !string.IsNullOrEmpty(profile.EndpointUrl))
                return Parse(profile.EndpointUrl, $"profile '{profileName}' endpoint_url");
            return null;
        }

        internal static Resolved<Uri> Parse(string value, string source)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new PatternException("InvalidEndpointUrl", PatternErrorCategory.InvalidArgument,
                    $"'{value}' ({source}) is not an endpoint URL; expected an absolute http:// or https:// URL such as https://ec2.ap-northeast-1.amazonaws.com.");
            return new Resolved<Uri>(uri, source);
        }
    }
}
