using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Everything computed while signing with the Authorization header, intermediate strings included for diagnosis.</summary>
    public sealed class SigV4SigningResult
    {
        internal SigV4SigningResult(string canonicalRequest, string stringToSign, string signature, string signedHeaders,
            string credentialScope, string amzDate, string payloadHash, string authorization, IReadOnlyList<KeyValuePair<string, string>> headersToAdd)
        {
            CanonicalRequest = canonicalRequest;
            StringToSign = stringToSign;
            Signature = signature;
            SignedHeaders = signedHeaders;
            CredentialScope = credentialScope;
            AmzDate = amzDate;
            PayloadHash = payloadHash;
            Authorization = authorization;
            HeadersToAdd = headersToAdd;
        }

        public string CanonicalRequest { get; }

        public string StringToSign { get; }

        /// <summary>Lowercase hex HMAC-SHA256 of <see cref="StringToSign"/>.</summary>
        public string Signature { get; }

        /// <summary>Lowercase header names joined with ';'.</summary>
        public string SignedHeaders { get; }

        /// <summary>date/region/service/aws4_request.</summary>
        public string CredentialScope { get; }

        /// <summary>The timestamp in ISO 8601 basic form, the value of X-Amz-Date.</summary>
        public string AmzDate { get; }

        public string PayloadHash { get; }

        /// <summary>The value of the Authorization header.</summary>
        public string Authorization { get; }

        /// <summary>
        /// Headers the caller must add to the request, in this order: X-Amz-Security-Token (if any), X-Amz-Date,
        /// x-amz-content-sha256 (if asked), Authorization.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd { get; }
    }
}
