using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>
    /// AWS Signature Version 4 (AWS4-HMAC-SHA256): signs a request description with an Authorization header or
    /// presigns it in its query string. Thread-safe; keep one instance so derived signing keys are reused.
    /// </summary>
    public sealed class SigV4Signer
    {
        private readonly SigV4SigningKeyCache _keyCache = new SigV4SigningKeyCache();

        /// <summary>Signs with the Authorization header. The request is not modified: add <see cref="SigV4SigningResult.HeadersToAdd"/>.</summary>
        public SigV4SigningResult Sign(SigV4Request request, SigV4Credentials credentials, SigV4SigningOptions options)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (credentials == null) throw new ArgumentNullException(nameof(credentials));
            if (options == null) throw new ArgumentNullException(nameof(options));
            RequireHost(request);

            var amzDate = FormatAmzDate(options.Timestamp);
            var scope = CredentialScope(options);
            var payloadHash = PayloadHash(request);

            // Headers the signer owns replace any the caller set, so a re-signed request carries one of each.
            var headers = request.Headers.Where(h => !IsSignerOwned(h.Key, options)).ToList();
            var tokenHeader = credentials.SessionToken == null
                ? (KeyValuePair<string, string>?)null
                : new KeyValuePair<string, string>(SigV4Constants.SecurityTokenHeader, credentials.SessionToken);
            var dateHeader = new KeyValuePair<string, string>(SigV4Constants.DateHeader, amzDate);
            var contentHashHeader = options.AddContentSha256Header
                ? new KeyValuePair<string, string>(SigV4Constants.ContentSha256Header, payloadHash)
                : (KeyValuePair<string, string>?)null;

            var signed = new List<KeyValuePair<string, string>>(headers) { dateHeader };
            if (tokenHeader.HasValue && !options.OmitSessionTokenFromSignature) signed.Add(tokenHeader.Value);
            if (contentHashHeader.HasValue) signed.Add(contentHashHeader.Value);

            var canonicalHeaders = SigV4Canonicalizer.CanonicalHeaders(signed, SigV4Canonicalizer.IsSignable);
            var signedHeaders = string.Join(";", canonicalHeaders.Keys);
            var (canonicalRequest, stringToSign, signature) = Compute(request.Method, request.Path, request.QueryParameters, canonicalHeaders,
                payloadHash, credentials.SecretAccessKey, options.Region, options.Service, amzDate, options.NormalizePath, options.UriEncodePath);
            var authorization = new SigV4AuthorizationHeader(credentials.AccessKeyId, DatePart(options.Timestamp), options.Region, options.Service,
                canonicalHeaders.Keys.ToList(), signature).ToString();

            var toAdd = new List<KeyValuePair<string, string>>();
            if (tokenHeader.HasValue) toAdd.Add(tokenHeader.Value);
            toAdd.Add(dateHeader);
            if (contentHashHeader.HasValue) toAdd.Add(contentHashHeader.Value);
            toAdd.Add(new KeyValuePair<string, string>(SigV4Constants.AuthorizationHeader, authorization));

            return new SigV4SigningResult(canonicalRequest, stringToSign, signature, signedHeaders, scope, amzDate, payloadHash, authorization, toAdd);
        }

        /// <summary>
        /// Presigns in the query string (a URL that works without headers until <see cref="SigV4SigningOptions.PresignExpiry"/>).
        /// Every header of the request is signed, so the URL is only valid with those same headers.
        /// </summary>
        public SigV4PresignResult Presign(SigV4Request request, SigV4Credentials credentials, SigV4SigningOptions options)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (credentials == null) throw new ArgumentNullException(nameof(credentials));
            if (options == null) throw new ArgumentNullException(nameof(options));
            RequireHost(request);
            var expirySeconds = (long)options.PresignExpiry.TotalSeconds;
            if (expirySeconds < 1 || expirySeconds > 604800) throw new ArgumentOutOfRangeException(nameof(options), "PresignExpiry must be between 1 second and 7 days.");

            var amzDate = FormatAmzDate(options.Timestamp);
            var scope = CredentialScope(options);
            var payloadHash = PayloadHash(request);
            var canonicalHeaders = SigV4Canonicalizer.CanonicalHeaders(request.Headers, SigV4Canonicalizer.IsSignable);
            var signedHeaders = string.Join(";", canonicalHeaders.Keys);

            var authParameters = new List<KeyValuePair<string, string>>
            {
                Pair(SigV4Constants.AlgorithmParameter, SigV4Constants.Algorithm),
                Pair(SigV4Constants.CredentialParameter, credentials.AccessKeyId + "/" + scope),
                Pair(SigV4Constants.DateParameter, amzDate),
                Pair(SigV4Constants.SignedHeadersParameter, signedHeaders),
                Pair(SigV4Constants.ExpiresParameter, expirySeconds.ToString(CultureInfo.InvariantCulture)),
            };
            var token = credentials.SessionToken == null ? (KeyValuePair<string, string>?)null : Pair(SigV4Constants.SecurityTokenParameter, credentials.SessionToken);

            var signedQuery = request.QueryParameters.Concat(authParameters).ToList();
            if (token.HasValue && !options.OmitSessionTokenFromSignature) signedQuery.Add(token.Value);

            var (canonicalRequest, stringToSign, signature) = Compute(request.Method, request.Path, signedQuery, canonicalHeaders,
                payloadHash, credentials.SecretAccessKey, options.Region, options.Service, amzDate, options.NormalizePath, options.UriEncodePath);

            var toAdd = new List<KeyValuePair<string, string>>(authParameters);
            if (token.HasValue) toAdd.Add(token.Value);
            toAdd.Add(Pair(SigV4Constants.SignatureParameter, signature));
            return new SigV4PresignResult(canonicalRequest, stringToSign, signature, signedHeaders, scope, amzDate, toAdd);
        }

        /// <summary>The derived key for (secret, date, region, service); cached.</summary>
        internal byte[] GetSigningKey(string secretAccessKey, string date, string region, string service)
            => _keyCache.GetSigningKey(secretAccessKey, date, region, service);

        internal int CachedSigningKeyCount => _keyCache.Count;

        internal static string StringToSign(string amzDate, string scope, string canonicalRequest)
            => SigV4Constants.Algorithm + "\n" + amzDate + "\n" + scope + "\n" + SigV4Encoding.Sha256Hex(canonicalRequest);

        internal static string FormatAmzDate(DateTimeOffset timestamp)
            => timestamp.UtcDateTime.ToString(SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture);

        internal static string DatePart(DateTimeOffset timestamp)
            => timestamp.UtcDateTime.ToString(SigV4Constants.DateFormat, CultureInfo.InvariantCulture);

        /// <summary>
        /// The core shared by signing, presigning and verification: canonical request → string to sign → signature.
        /// <paramref name="amzDate"/> is taken verbatim so a verifier hashes exactly what the client sent.
        /// </summary>
        internal (string CanonicalRequest, string StringToSign, string Signature) Compute(
            string method, string path, IEnumerable<KeyValuePair<string, string>> query, SortedDictionary<string, string> canonicalHeaders,
            string payloadHash, string secret, string region, string service, string amzDate, bool normalizePath, bool uriEncodePath)
        {
            var date = amzDate.Length >= 8 ? amzDate.Substring(0, 8) : amzDate;
            var scope = date + "/" + region + "/" + service + "/" + SigV4Constants.Terminator;
            var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(
                method,
                SigV4Canonicalizer.CanonicalPath(path, normalizePath, uriEncodePath),
                SigV4Canonicalizer.CanonicalQuery(query),
                canonicalHeaders,
                string.Join(";", canonicalHeaders.Keys),
                payloadHash);
            var stringToSign = StringToSign(amzDate, scope, canonicalRequest);
            var key = _keyCache.GetSigningKey(secret, date, region, service);
            return (canonicalRequest, stringToSign, SigV4Encoding.ToLowerHex(SigV4Encoding.HmacSha256(key, stringToSign)));
        }

        private static string CredentialScope(SigV4SigningOptions options)
            => DatePart(options.Timestamp) + "/" + options.Region + "/" + options.Service + "/" + SigV4Constants.Terminator;

        private static string PayloadHash(SigV4Request request)
            => string.IsNullOrEmpty(request.PayloadHash) ? SigV4Encoding.Sha256Hex(request.Payload) : request.PayloadHash!;

        private static bool IsSignerOwned(string name, SigV4SigningOptions options)
            => (options.AddContentSha256Header && string.Equals(name, SigV4Constants.ContentSha256Header, StringComparison.OrdinalIgnoreCase))
               || string.Equals(name, SigV4Constants.DateHeader, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, SigV4Constants.SecurityTokenHeader, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, SigV4Constants.AuthorizationHeader, StringComparison.OrdinalIgnoreCase);

        // SigV4 always signs Host; without it every service rejects the request, so fail here where the cause is clear.
        private static void RequireHost(SigV4Request request)
        {
            if (!request.Headers.Any(h => string.Equals(h.Key.Trim(), "Host", StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException("The request has no Host header; SigV4 requires it to be signed.", nameof(request));
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
