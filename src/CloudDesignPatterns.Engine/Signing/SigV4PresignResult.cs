using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Everything computed while presigning a request in its query string.</summary>
    public sealed class SigV4PresignResult
    {
        internal SigV4PresignResult(string canonicalRequest, string stringToSign, string signature, string signedHeaders,
            string credentialScope, string amzDate, IReadOnlyList<KeyValuePair<string, string>> queryParametersToAdd)
        {
            CanonicalRequest = canonicalRequest;
            StringToSign = stringToSign;
            Signature = signature;
            SignedHeaders = signedHeaders;
            CredentialScope = credentialScope;
            AmzDate = amzDate;
            QueryParametersToAdd = queryParametersToAdd;
            QueryStringToAppend = SigV4QueryString.Format(queryParametersToAdd);
        }

        public string CanonicalRequest { get; }

        public string StringToSign { get; }

        public string Signature { get; }

        public string SignedHeaders { get; }

        public string CredentialScope { get; }

        public string AmzDate { get; }

        /// <summary>
        /// Decoded parameters to append to the request's query, in this order: X-Amz-Algorithm, X-Amz-Credential,
        /// X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token (if any), X-Amz-Signature.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> QueryParametersToAdd { get; }

        /// <summary><see cref="QueryParametersToAdd"/> encoded, ready to append after the existing query and a '&amp;'.</summary>
        public string QueryStringToAppend { get; }
    }
}
