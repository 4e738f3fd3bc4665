using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>IMDSv2 session tokens and their expiry times.</summary>
    internal sealed class ImdsTokenStore
    {
        public const int MaxTtlSeconds = 21600;
        private readonly ConcurrentDictionary<string, DateTime> _tokens = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly ISandboxClock _clock;

        public ImdsTokenStore(ISandboxClock clock) => _clock = clock;

        public string Issue(int ttlSeconds)
        {
            var now = _clock.UtcNow;
            if (_tokens.Count > 10_000) Purge(now); // a long-running sandbox must not grow without bound
            var bytes = new byte[42];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var token = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
            _tokens[token] = now.AddSeconds(ttlSeconds);
            return token;
        }

        public bool IsValid(string? token) =>
            !string.IsNullOrEmpty(token) && _tokens.TryGetValue(token!, out var expires) && _clock.UtcNow < expires;

        private void Purge(DateTime now)
        {
            foreach (var expired in _tokens.Where(t => t.Value <= now).Select(t => t.Key).ToList())
                _tokens.TryRemove(expired, out _);
        }
    }
}
