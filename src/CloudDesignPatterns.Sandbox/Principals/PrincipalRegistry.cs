using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace CloudDesignPatterns.Sandbox.Principals
{
    /// <summary>
    /// Maps access keys to principals. Keys registered here (and keys issued by instance metadata for a role whose
    /// policies were set) are enforced; any other key acts as the unchecked sandbox admin so demos work without setup.
    /// Thread-safe.
    /// </summary>
    public sealed class PrincipalRegistry
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, SandboxPrincipal> _keys = new Dictionary<string, SandboxPrincipal>(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<string>> _rolePolicies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        /// <summary>Access keys issued by instance metadata → role name; their policies are looked up per call.</summary>
        private readonly Dictionary<string, (string Role, string Arn, string Secret)> _roleKeys = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);

        public PrincipalRegistry(string defaultAccountId = "123456789012")
        {
            DefaultAccountId = defaultAccountId;
        }

        public string DefaultAccountId { get; }
        public string AdminArn => $"arn:aws:iam::{DefaultAccountId}:user/sandbox-admin";

        public void AddPrincipal(string accessKeyId, string? secretAccessKey, string arn, IReadOnlyList<string>? policies)
        {
            if (string.IsNullOrEmpty(accessKeyId)) throw new ArgumentException("An access key id is required.", nameof(accessKeyId));
            if (string.IsNullOrEmpty(arn) || !arn.StartsWith("arn:", StringComparison.Ordinal))
                throw new ArgumentException("The principal needs an ARN (arn:aws:iam::<account>:user/<name> or similar).", nameof(arn));
            var principal = new SandboxPrincipal(accessKeyId, arn, AccountOf(arn), UniqueId("AIDA", arn), secretAccessKey,
                                                 (policies ?? Array.Empty<string>()).ToList());
            lock (_gate) _keys[accessKeyId] = principal;
        }

        public bool RemovePrincipal(string accessKeyId)
        {
            lock (_gate) return _keys.Remove(accessKeyId);
        }

        /// <summary>Sets the policies enforced for credentials instance metadata issues for this role (null stops enforcing).</summary>
        public void SetRolePolicies(string roleName, IReadOnlyList<string>? policies)
        {
            if (string.IsNullOrEmpty(roleName)) throw new ArgumentException("A role name is required.", nameof(roleName));
            lock (_gate)
            {
                if (policies == null) _rolePolicies.Remove(roleName);
                else _rolePolicies[roleName] = policies.ToList();
            }
        }

        /// <summary>Registers a new temporary key for an instance's role, mapped to its assumed-role ARN.</summary>
        public IssuedCredentials IssueRoleCredentials(string accountId, string roleName, string instanceId)
        {
            var accessKeyId = "ASIA" + RandomToken(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
            var secret = RandomToken(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
            var sessionToken = "IQoJb3JpZ2luX2VjE" + RandomToken(200, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
            var arn = $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{instanceId}";
            lock (_gate) _roleKeys[accessKeyId] = (roleName, arn, secret);
            return new IssuedCredentials(accessKeyId, secret, sessionToken, arn);
        }

        /// <summary>The principal behind an access key; unknown keys resolve to the unchecked sandbox admin.</summary>
        public SandboxPrincipal Resolve(string accessKeyId)
        {
            lock (_gate)
            {
                if (_keys.TryGetValue(accessKeyId, out var principal)) return principal;
                if (_roleKeys.TryGetValue(accessKeyId, out var role))
                {
                    _rolePolicies.TryGetValue(role.Role, out var policies);
                    var sessionName = role.Arn.Substring(role.Arn.LastIndexOf('/') + 1);
                    return new SandboxPrincipal(accessKeyId, role.Arn, AccountOf(role.Arn),
                                                UniqueId("AROA", role.Role) + ":" + sessionName, role.Secret, policies);
                }
            }
            return new SandboxPrincipal(accessKeyId, AdminArn, DefaultAccountId, UniqueId("AIDA", AdminArn), null, null);
        }

        private string AccountOf(string arn)
        {
            var parts = arn.Split(':');
            return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : DefaultAccountId;
        }

        /// <summary>Stable AWS-looking unique id (AIDA…/AROA…) derived from the name, so it is the same every run.</summary>
        private static string UniqueId(string prefix, string name)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
                const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
                var id = new StringBuilder(prefix);
                for (var i = 0; i < 17; i++) id.Append(alphabet[hash[i] % alphabet.Length]);
                return id.ToString();
            }
        }

        private static string RandomToken(int length, string alphabet)
        {
            var bytes = new byte[length];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var text = new StringBuilder(length);
            foreach (var b in bytes) text.Append(alphabet[b % alphabet.Length]);
            return text.ToString();
        }
    }

    /// <summary>Temporary credentials handed out by instance metadata.</summary>
    public sealed class IssuedCredentials
    {
        public IssuedCredentials(string accessKeyId, string secretAccessKey, string sessionToken, string principalArn)
        {
            AccessKeyId = accessKeyId; SecretAccessKey = secretAccessKey; SessionToken = sessionToken; PrincipalArn = principalArn;
        }
        public string AccessKeyId { get; }
        public string SecretAccessKey { get; }
        public string SessionToken { get; }
        public string PrincipalArn { get; }
    }
}
