using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Imds
{
    /// <summary>
    /// The instance role's credentials, read through our IMDS client (token cache, 2-second budget) rather than the
    /// SDK's, whose 5-second timeouts and per-property token requests would slow every scheduled run.
    /// </summary>
    internal sealed class ImdsRoleCredentials : RefreshingAWSCredentials
    {
        private readonly ImdsClient imds;

        public ImdsRoleCredentials(ImdsClient imds)
        {
            this.imds = imds;
            PreemptExpiryTime = TimeSpan.FromMinutes(5);
        }

        protected override CredentialsRefreshState GenerateNewCredentials()
            => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            using var budget = imds.StartBudget(CancellationToken.None);
            var roles = await imds.GetAsync("meta-data/iam/security-credentials/", budget.Token).ConfigureAwait(false);
            var role = (roles ?? "").Split('\n').Select(r => r.Trim()).FirstOrDefault(r => r.Length > 0)
                ?? throw new PatternException("NoInstanceRole", PatternErrorCategory.AuthenticationError,
                    "This instance has no IAM role (instance profile), so it has no credentials of its own. Attach a role or pass -ProfileName / -Credential.");
            var json = await imds.GetAsync("meta-data/iam/security-credentials/" + role, budget.Token).ConfigureAwait(false)
                ?? throw new PatternException("NoInstanceRole", PatternErrorCategory.AuthenticationError, $"Instance metadata has no credentials for role '{role}'.");
            return Parse(json, role);
        }

        internal static CredentialsRefreshState Parse(string json, string role)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string Str(string name) => root.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
            if (!string.Equals(Str("Code"), "Success", StringComparison.OrdinalIgnoreCase))
                throw new PatternException("InstanceRoleCredentialsFailed", PatternErrorCategory.AuthenticationError,
                    $"Instance metadata could not supply credentials for role '{role}' (Code={Str("Code")}).");
            var expiration = DateTime.Parse(Str("Expiration"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            var credentials = new ImmutableCredentials(Str("AccessKeyId"), Str("SecretAccessKey"), Str("Token"));
            return new CredentialsRefreshState(credentials, expiration);
        }
    }
}
