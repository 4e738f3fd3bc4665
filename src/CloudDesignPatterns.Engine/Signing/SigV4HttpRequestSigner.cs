using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Signs a <see cref="HttpRequestMessage"/> in place with the Authorization header, for REST clients such as Route 53.</summary>
    public sealed class SigV4HttpRequestSigner
    {
        private readonly SigV4Signer _signer;

        public SigV4HttpRequestSigner(SigV4Signer? signer = null) => _signer = signer ?? new SigV4Signer();

        /// <summary>
        /// Buffers the content (to hash it), signs, and sets X-Amz-Date, X-Amz-Security-Token, x-amz-content-sha256 (if asked)
        /// and Authorization on the message. Sign right before sending: the signature is only valid for 15 minutes.
        /// </summary>
        public async Task<SigV4SigningResult> SignAsync(HttpRequestMessage message, SigV4Credentials credentials, SigV4SigningOptions options)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            var payload = message.Content == null ? null : await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var result = _signer.Sign(ToSigV4Request(message, payload), credentials, options);

            foreach (var header in result.HeadersToAdd)
            {
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return result;
        }

        /// <summary>
        /// Describes a message the way it will appear on the wire: Host from the URI authority, the escaped path and query,
        /// and each header's values joined with ", " as HttpClient writes them.
        /// </summary>
        public static SigV4Request ToSigV4Request(HttpRequestMessage message, byte[]? payload)
        {
            if (message.RequestUri == null || !message.RequestUri.IsAbsoluteUri)
                throw new ArgumentException("The request must have an absolute RequestUri to be signed.", nameof(message));
            var uri = message.RequestUri;
            var request = new SigV4Request(message.Method.Method, uri.AbsolutePath).AddRawQuery(uri.Query);
            request.AddHeader("Host", message.Headers.Host ?? uri.Authority);
            foreach (var header in message.Headers.Where(h => !IsTransportManaged(h.Key)))
            {
                request.AddHeader(header.Key, string.Join(", ", header.Value));
            }
            if (message.Content != null)
            {
                foreach (var header in message.Content.Headers.Where(h => !IsTransportManaged(h.Key)))
                {
                    request.AddHeader(header.Key, string.Join(", ", header.Value));
                }
            }
            request.Payload = payload;
            return request;
        }

        // Host is added from the URI above; Content-Length is computed by the handler after signing, so it stays unsigned.
        private static bool IsTransportManaged(string name)
            => string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase);
    }
}
