using System;
using System.Collections.Concurrent;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>
    /// Caches derived signing keys: the key changes only with (secret, date, region, service), and deriving it costs
    /// four HMACs per request otherwise. Bounded so a long-lived process with rotating credentials cannot grow it forever.
    /// </summary>
    internal sealed class SigV4SigningKeyCache
    {
        private const int MaxEntries = 64;
        private readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> _keys =
            new ConcurrentDictionary<(string, string, string, string), byte[]>();

        public int Count => _keys.Count;

        public byte[] GetSigningKey(string secretAccessKey, string date, string region, string service)
        {
            var cacheKey = (secretAccessKey, date, region, service);
            if (_keys.TryGetValue(cacheKey, out var cached)) return cached;
            if (_keys.Count >= MaxEntries) _keys.Clear();
            return _keys.GetOrAdd(cacheKey, k => Derive(k.Secret, k.Date, k.Region, k.Service));
        }

        public static byte[] Derive(string secretAccessKey, string date, string region, string service)
        {
            var dateKey = SigV4Encoding.HmacSha256(System.Text.Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
            var regionKey = SigV4Encoding.HmacSha256(dateKey, region);
            var serviceKey = SigV4Encoding.HmacSha256(regionKey, service);
            return SigV4Encoding.HmacSha256(serviceKey, SigV4Constants.Terminator);
        }
    }
}
