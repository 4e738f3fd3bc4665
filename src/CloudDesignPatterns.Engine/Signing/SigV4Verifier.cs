using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>
    /// Server side of SigV4: recomputes the signature of a received request (Authorization header or presigned query)
    /// and compares it with the one the client sent. Used by the sandbox to authenticate callers like AWS does.
    /// </summary>
    public sealed class SigV4Verifier
    {
        private readonly SigV4Signer _signer;

        public SigV4Verifier(SigV4Signer? signer = null) => _signer = signer ?? new SigV4Signer();

        /// <summary>How far the request time may be from the verifier's clock; AWS allows 15 minutes.</summary>
        public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Must match the client's rule; true for every service but S3.</summary>
        public bool NormalizePath { get; set; } = true;

        /// <summary>Must match the client's rule; true for every service but S3.</summary>
        public bool UriEncodePath { get; set; } = true;

        /// <summary>Verifies with a known secret. <paramref name="now"/> defaults to the current UTC time.</summary>
        public SigV4VerificationResult Verify(SigV4Request request, string secretAccessKey, DateTimeOffset? now = null)
            => Verify(request, _ => secretAccessKey, now);

        /// <summary>Verifies, looking the secret up by the access key id the request claims (null: unknown key).</summary>
        public SigV4VerificationResult Verify(SigV4Request request, Func<string, string?> findSecret, DateTimeOffset? now = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (findSecret == null) throw new ArgumentNullException(nameof(findSecret));
            var clock = now ?? DateTimeOffset.UtcNow;

            var authorizationValue = HeaderValue(request, SigV4Constants.AuthorizationHeader);
            if (authorizationValue != null) return VerifyHeaderSigned(request, authorizationValue, findSecret, clock);
            if (request.QueryParameters.Any(p => p.Key == SigV4Constants.SignatureParameter)) return VerifyPresigned(request, findSecret, clock);
            return new SigV4VerificationResult(SigV4VerificationStatus.MissingAuthentication, "Request is missing Authentication Token.");
        }

        private SigV4VerificationResult VerifyHeaderSigned(SigV4Request request, string authorizationValue, Func<string, string?> findSecret, DateTimeOffset clock)
        {
            if (!SigV4AuthorizationHeader.TryParse(authorizationValue, out var authorization) || authorization == null)
                return new SigV4VerificationResult(SigV4VerificationStatus.MalformedAuthorization, "Authorization header is not a valid AWS4-HMAC-SHA256 value.");
            var amzDate = HeaderValue(request, SigV4Constants.DateHeader)?.Trim();
            if (!TryParseAmzDate(amzDate, out var signedAt) || !amzDate!.StartsWith(authorization.Date, StringComparison.Ordinal))
                return new SigV4VerificationResult(SigV4VerificationStatus.InvalidDate, "X-Amz-Date is missing, malformed, or does not match the credential scope date.", authorization);
            if ((clock - signedAt).Duration() > MaxClockSkew)
                return new SigV4VerificationResult(SigV4VerificationStatus.RequestExpired,
                    $"Signature expired: {amzDate} is more than {MaxClockSkew.TotalMinutes:0} minutes from the server time.", authorization);

            var payloadHash = HeaderValue(request, SigV4Constants.ContentSha256Header)?.Trim();
            var bodyHash = SigV4Encoding.Sha256Hex(request.Payload);
            if (payloadHash != null && IsHexDigest(payloadHash) && !string.Equals(payloadHash, bodyHash, StringComparison.Ordinal))
                return new SigV4VerificationResult(SigV4VerificationStatus.PayloadHashMismatch, "The provided x-amz-content-sha256 header does not match what was computed.", authorization);

            return Compare(request, request.QueryParameters, authorization, amzDate, payloadHash ?? bodyHash, findSecret);
        }

        private SigV4VerificationResult VerifyPresigned(SigV4Request request, Func<string, string?> findSecret, DateTimeOffset clock)
        {
            string? Get(string name) => request.QueryParameters.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
            var header = string.Format(CultureInfo.InvariantCulture, "{0} Credential={1}, SignedHeaders={2}, Signature={3}",
                Get(SigV4Constants.AlgorithmParameter), Get(SigV4Constants.CredentialParameter), Get(SigV4Constants.SignedHeadersParameter), Get(SigV4Constants.SignatureParameter));
            if (!SigV4AuthorizationHeader.TryParse(header, out var authorization) || authorization == null)
                return new SigV4VerificationResult(SigV4VerificationStatus.MalformedAuthorization, "The presigned query parameters are incomplete or malformed.");
            var amzDate = Get(SigV4Constants.DateParameter);
            if (!TryParseAmzDate(amzDate, out var signedAt) || !amzDate!.StartsWith(authorization.Date, StringComparison.Ordinal))
                return new SigV4VerificationResult(SigV4VerificationStatus.InvalidDate, "X-Amz-Date is missing, malformed, or does not match the credential scope date.", authorization);
            if (!int.TryParse(Get(SigV4Constants.ExpiresParameter), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires < 1 || expires > 604800)
                return new SigV4VerificationResult(SigV4VerificationStatus.MalformedAuthorization, "X-Amz-Expires must be a number of seconds between 1 and 604800.", authorization);
            if (clock > signedAt.AddSeconds(expires) || signedAt - clock > MaxClockSkew)
                return new SigV4VerificationResult(SigV4VerificationStatus.RequestExpired, "Request has expired.", authorization);

            var payloadHash = HeaderValue(request, SigV4Constants.ContentSha256Header)?.Trim() ?? SigV4Encoding.Sha256Hex(request.Payload);
            var signedQuery = request.QueryParameters.Where(p => p.Key != SigV4Constants.SignatureParameter);
            return Compare(request, signedQuery, authorization, amzDate, payloadHash, findSecret);
        }

        private SigV4VerificationResult Compare(SigV4Request request, IEnumerable<KeyValuePair<string, string>> query, SigV4AuthorizationHeader authorization,
            string amzDate, string payloadHash, Func<string, string?> findSecret)
        {
            var secret = findSecret(authorization.AccessKeyId);
            if (string.IsNullOrEmpty(secret))
                return new SigV4VerificationResult(SigV4VerificationStatus.UnknownAccessKey, "The security token included in the request is invalid.", authorization);

            // Only the headers the client chose to sign take part; a signed header that did not arrive breaks the signature.
            var signedNames = new HashSet<string>(authorization.SignedHeaders, StringComparer.Ordinal);
            var canonicalHeaders = SigV4Canonicalizer.CanonicalHeaders(request.Headers, signedNames.Contains);
            var missing = authorization.SignedHeaders.Where(n => !canonicalHeaders.ContainsKey(n)).ToList();
            foreach (var name in missing) canonicalHeaders[name] = string.Empty;

            var (canonicalRequest, stringToSign, expected) = _signer.Compute(request.Method, request.Path, query, canonicalHeaders, payloadHash,
                secret!, authorization.Region, authorization.Service, amzDate, NormalizePath, UriEncodePath);
            if (SigV4Encoding.FixedTimeEquals(expected, authorization.Signature) && missing.Count == 0)
                return new SigV4VerificationResult(SigV4VerificationStatus.Valid, "Signature is valid.", authorization, canonicalRequest, stringToSign, expected);
            var reason = missing.Count > 0 ? $" Signed header(s) not present in the request: {string.Join(", ", missing)}." : string.Empty;
            return new SigV4VerificationResult(SigV4VerificationStatus.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method." + reason,
                authorization, canonicalRequest, stringToSign, expected);
        }

        private static string? HeaderValue(SigV4Request request, string name)
        {
            var values = request.Headers.Where(h => string.Equals(h.Key.Trim(), name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
            return values.Count == 0 ? null : string.Join(",", values);
        }

        private static bool TryParseAmzDate(string? value, out DateTimeOffset timestamp)
            => DateTimeOffset.TryParseExact(value, SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);

        // Only a real digest is compared with the body; UNSIGNED-PAYLOAD and STREAMING-* are literals.
        private static bool IsHexDigest(string value) => value.Length == 64 && value.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
