using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>
    /// Transport-neutral description of an HTTP request to sign or verify.
    /// </summary>
    public sealed class SigV4Request
    {
        public SigV4Request(string method, string path)
        {
            if (string.IsNullOrEmpty(method)) throw new ArgumentException("An HTTP method is required.", nameof(method));
            Method = method;
            Path = string.IsNullOrEmpty(path) ? "/" : path;
        }

        public string Method { get; }

        /// <summary>
        /// The path exactly as it goes on the wire (already percent-encoded where HTTP needs it), without the query.
        /// The signer encodes it once more for services other than S3, as SigV4 requires.
        /// </summary>
        public string Path { get; }

        /// <summary>Query parameters, decoded (the signer encodes them). Order does not matter; duplicates are allowed.</summary>
        public IList<KeyValuePair<string, string>> QueryParameters { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Headers in the order they are sent; a name may repeat. Must include Host.</summary>
        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The body bytes; hashed when <see cref="PayloadHash"/> is not given. Null means an empty body.</summary>
        public byte[]? Payload { get; set; }

        /// <summary>
        /// Precomputed lowercase hex SHA-256 of the body, or a literal such as UNSIGNED-PAYLOAD. Wins over <see cref="Payload"/>.
        /// </summary>
        public string? PayloadHash { get; set; }

        public SigV4Request AddHeader(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public SigV4Request AddQueryParameter(string name, string value)
        {
            QueryParameters.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        /// <summary>Adds every parameter of a raw (encoded) query string such as <c>a=1&amp;b=%20x</c>, with or without a leading '?'.</summary>
        public SigV4Request AddRawQuery(string? rawQuery)
        {
            foreach (var parameter in SigV4QueryString.Parse(rawQuery))
            {
                QueryParameters.Add(parameter);
            }
            return this;
        }
    }
}
