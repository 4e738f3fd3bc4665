using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>
    /// EC2's idempotency tokens (ClientToken on RunInstances, CreateVolume, CopyImage…): a repeat of a call with the same
    /// token and the same parameters answers with what the first call made instead of making it again; the same token
    /// with other parameters is <c>IdempotentParameterMismatch</c>. A call without a token is never deduplicated.
    /// </summary>
    internal sealed class ClientTokens
    {
        private readonly Dictionary<string, (string Parameters, string ResourceId)> _made = new Dictionary<string, (string, string)>(StringComparer.Ordinal);

        /// <summary>The id the token already made, or null; throws when the token was used with other parameters.</summary>
        public string? Find(string action, IReadOnlyDictionary<string, string> parameters)
        {
            if (!parameters.TryGetValue("ClientToken", out var token) || token.Length == 0) return null;
            if (!_made.TryGetValue(action + "/" + token, out var made)) return null;
            if (made.Parameters != Fingerprint(parameters))
                throw new SandboxServiceException("IdempotentParameterMismatch",
                    $"The client token {token} was already used for a request with other parameters.");
            return made.ResourceId;
        }

        public void Remember(string action, IReadOnlyDictionary<string, string> parameters, string resourceId)
        {
            if (parameters.TryGetValue("ClientToken", out var token) && token.Length > 0)
                _made[action + "/" + token] = (Fingerprint(parameters), resourceId);
        }

        private static string Fingerprint(IReadOnlyDictionary<string, string> parameters)
            => string.Join("&", parameters.Where(p => p.Key != "ClientToken").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }
}
