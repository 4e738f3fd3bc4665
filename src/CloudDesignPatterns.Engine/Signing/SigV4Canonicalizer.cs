using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Builds the pieces of the SigV4 canonical request: path, query, headers.</summary>
    internal static class SigV4Canonicalizer
    {
        /// <summary>
        /// Headers never signed: hop-by-hop or rewritten by proxies and HTTP stacks after signing, which would break
        /// the signature in transit (the same list the AWS SDKs skip).
        /// </summary>
        private static readonly HashSet<string> UnsignableHeaders = new HashSet<string>(StringComparer.Ordinal)
        {
            "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
        };

        public static bool IsSignable(string lowercaseName) => !UnsignableHeaders.Contains(lowercaseName);

        public static string CanonicalPath(string path, bool normalize, bool uriEncode)
        {
            var canonical = normalize ? NormalizePath(path) : path;
            return uriEncode ? SigV4Encoding.UriEncode(canonical, keepSlash: true) : canonical;
        }

        /// <summary>Removes '.', '..' and empty segments (RFC 3986 section 5.2.4 plus slash collapsing), keeping a trailing slash.</summary>
        public static string NormalizePath(string path)
        {
            var segments = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..")
                {
                    if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                    continue;
                }
                segments.Add(segment);
            }
            if (segments.Count == 0) return "/";
            var trailingSlash = path.EndsWith("/", StringComparison.Ordinal);
            return "/" + string.Join("/", segments) + (trailingSlash ? "/" : string.Empty);
        }

        /// <summary>Encodes names and values, then sorts by name and value in byte order, as SigV4 requires.</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var encoded = parameters
                .Select(p => new KeyValuePair<string, string>(
                    SigV4Encoding.UriEncode(p.Key, keepSlash: false),
                    SigV4Encoding.UriEncode(p.Value ?? string.Empty, keepSlash: false)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal);
            return string.Join("&", encoded.Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>
        /// Groups headers by lowercase name (values of a repeated name joined with ',' in sending order),
        /// trims values and collapses whitespace runs, and sorts by name.
        /// </summary>
        public static SortedDictionary<string, string> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, Func<string, bool> include)
        {
            var grouped = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in headers)
            {
                var name = header.Key.Trim().ToLowerInvariant();
                if (!include(name)) continue;
                var value = CanonicalHeaderValue(header.Value ?? string.Empty);
                grouped[name] = grouped.TryGetValue(name, out var existing) ? existing + "," + value : value;
            }
            return grouped;
        }

        public static string CanonicalHeaderValue(string value)
        {
            var builder = new StringBuilder(value.Length);
            var pendingSpace = false;
            foreach (var c in value)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }
                if (pendingSpace) builder.Append(' ');
                pendingSpace = false;
                builder.Append(c);
            }
            return builder.ToString();
        }

        public static string CanonicalRequest(string method, string canonicalPath, string canonicalQuery, SortedDictionary<string, string> canonicalHeaders, string signedHeaders, string payloadHash)
        {
            var builder = new StringBuilder();
            builder.Append(method.ToUpperInvariant()).Append('\n')
                   .Append(canonicalPath).Append('\n')
                   .Append(canonicalQuery).Append('\n');
            foreach (var header in canonicalHeaders)
            {
                builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }
            builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
            return builder.ToString();
        }
    }
}
