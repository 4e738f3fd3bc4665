using System;
using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>
    /// Role credentials per instance and role. Like IMDS, it serves the same key until it nears expiry, then rotates;
    /// each key is registered with the principal registry as the instance's assumed-role session.
    /// </summary>
    internal sealed class ImdsCredentialCache
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);
        private static readonly TimeSpan RotateWhenLeft = TimeSpan.FromHours(1);
        private readonly object _gate = new object();
        private readonly Dictionary<string, (IssuedCredentials Credentials, DateTime Issued, DateTime Expires)> _byInstanceRole =
            new Dictionary<string, (IssuedCredentials, DateTime, DateTime)>(StringComparer.Ordinal);
        private readonly PrincipalRegistry _principals;
        private readonly ISandboxClock _clock;

        public ImdsCredentialCache(PrincipalRegistry principals, ISandboxClock clock)
        {
            _principals = principals; _clock = clock;
        }

        public (IssuedCredentials Credentials, DateTime Issued, DateTime Expires) Get(string accountId, string instanceId, string roleName)
        {
            var now = _clock.UtcNow;
            var key = instanceId + "\n" + roleName;
            lock (_gate)
            {
                if (_byInstanceRole.TryGetValue(key, out var current) && current.Expires - now > RotateWhenLeft) return current;
                var issued = (_principals.IssueRoleCredentials(accountId, roleName, instanceId), now, now + Lifetime);
                _byInstanceRole[key] = issued;
                return issued;
            }
        }
    }
}
