using System;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Credentials in DESIGN.md's order: parameters → session default profile → environment keys →
    /// AWS_PROFILE / "default" profile → instance role. A named profile that does not exist is an error, never a fallback.
    /// </summary>
    internal sealed class CredentialResolver
    {
        private readonly EnvironmentReader env;
        private readonly Func<ImdsClient> imds;

        public CredentialResolver(EnvironmentReader env, Func<ImdsClient> imds)
        {
            this.env = env;
            this.imds = imds;
        }

        public (Resolved<string> Source, AWSCredentials Credentials, string Identity, string? Profile) Resolve(ConnectionSettings settings, SessionDefaults.Snapshot defaults)
        {
            if (settings.AccessKey != null || settings.SecretKey != null)
            {
                if (string.IsNullOrEmpty(settings.AccessKey) || string.IsNullOrEmpty(settings.SecretKey))
                    throw new PatternException("IncompleteCredentials", PatternErrorCategory.InvalidArgument,
                        "-AccessKey and -SecretKey go together: pass both (and -SessionToken for temporary credentials), or use -Credential or -ProfileName.");
                return (Source("parameter -AccessKey/-SecretKey"), Keys(settings.AccessKey!, settings.SecretKey!, settings.SessionToken),
                    "keys:" + settings.AccessKey + ":" + Fingerprint(settings.SecretKey! + settings.SessionToken), null);
            }
            if (settings.ProfileName != null) return FromProfile(settings.ProfileName, "parameter -ProfileName");
            if (defaults.ProfileName != null) return FromProfile(defaults.ProfileName, "session default profile");

            var accessKey = env.Get("AWS_ACCESS_KEY_ID");
            var secretKey = env.Get("AWS_SECRET_ACCESS_KEY");
            if (accessKey != null && secretKey != null)
            {
                var token = env.Get("AWS_SESSION_TOKEN");
                return (Source("environment AWS_ACCESS_KEY_ID"), Keys(accessKey, secretKey, token), "env:" + accessKey + ":" + Fingerprint(secretKey + token), null);
            }
            var envProfile = env.Get("AWS_PROFILE");
            if (envProfile != null) return FromProfile(envProfile, "environment AWS_PROFILE");
            if (ProfileStore.TryGetAWSCredentials("default", out var defaultCredentials))
                return (Source("profile 'default'"), defaultCredentials, "profile:default", "default");

            var metadata = imds();
            if (metadata.IsUsable)
                return (Source("instance role (instance metadata)"), new ImdsRoleCredentials(metadata), "imds:" + metadata.Settings.Endpoint, null);

            throw new PatternException("NoCredentials", PatternErrorCategory.AuthenticationError,
                "No AWS credentials found. Pass -ProfileName or -Credential, run Set-PatternDefault -ProfileName, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, " +
                "or run on an EC2 instance with an instance role.");
        }

        private (Resolved<string>, AWSCredentials, string, string?) FromProfile(string name, string how)
        {
            if (!ProfileStore.TryGetProfile(name, out var profile))
                throw new PatternException("ProfileNotFound", PatternErrorCategory.ObjectNotFound,
                    $"The profile '{name}' ({how}) is not in the shared config or credentials file. List profiles with 'aws configure list-profiles', or check AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.");
            AWSCredentials credentials;
            try
            {
                // assume-role, SSO and credential_process profiles resolve here; the STS/SSO/SSOOIDC assemblies ship beside the SDK.
                credentials = profile.GetAWSCredentials(ProfileStore);
            }
            catch (Exception ex) when (!(ex is PatternException))
            {
                throw new PatternException("ProfileUnusable", PatternErrorCategory.AuthenticationError,
                    $"The profile '{name}' ({how}) cannot supply credentials: {ex.GetBaseException().Message}", inner: ex);
            }
            return (Source($"profile '{name}' ({how})"), credentials, "profile:" + name, name);
        }

        internal static CredentialProfileStoreChain ProfileStore
        {
            get
            {
                SdkProfilePaths.Refresh();
                return new CredentialProfileStoreChain();
            }
        }

        private static Resolved<string> Source(string source) => new Resolved<string>(source, source);

        private static AWSCredentials Keys(string accessKey, string secretKey, string? token)
            => string.IsNullOrEmpty(token) ? (AWSCredentials)new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);

        private static string Fingerprint(string secret)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(secret))).Substring(0, 12);
        }
    }
}
