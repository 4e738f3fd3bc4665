using System;
using System.Collections.Generic;
using System.Text;

namespace CloudDesignPatterns.Sandbox.Contracts
{
    /// <summary>One HTTP request as the sandbox's router sees it (already fully read from the socket).</summary>
    public sealed class SandboxRequest
    {
        public SandboxRequest(string method, string path, string rawQuery, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Path = path;
            RawQuery = rawQuery ?? string.Empty;
            Headers = headers;
            Body = body ?? Array.Empty<byte>();
        }

        public string Method { get; }
        /// <summary>Path without the query string, not decoded.</summary>
        public string Path { get; }
        /// <summary>Query string without the leading '?', not decoded.</summary>
        public string RawQuery { get; }
        /// <summary>Header names are case-insensitive; repeated headers are joined with ','.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public string BodyText => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }
}
