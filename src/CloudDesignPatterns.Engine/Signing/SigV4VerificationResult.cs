namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Why a received request was accepted or rejected; each maps to an AWS error code.</summary>
    public enum SigV4VerificationStatus
    {
        Valid,
        /// <summary>No Authorization header and no presigned query (AWS: MissingAuthenticationToken).</summary>
        MissingAuthentication,
        /// <summary>The Authorization header or presigned query cannot be parsed (AWS: IncompleteSignature).</summary>
        MalformedAuthorization,
        /// <summary>The access key id is not known (AWS: InvalidClientTokenId / UnrecognizedClientException).</summary>
        UnknownAccessKey,
        /// <summary>X-Amz-Date is missing, unparsable, or its day differs from the credential scope (AWS: IncompleteSignature).</summary>
        InvalidDate,
        /// <summary>The request time is outside the allowed clock skew, or a presigned URL has expired (AWS: RequestExpired / SignatureDoesNotMatch).</summary>
        RequestExpired,
        /// <summary>x-amz-content-sha256 does not match the body (AWS: XAmzContentSHA256Mismatch).</summary>
        PayloadHashMismatch,
        /// <summary>The recomputed signature differs (AWS: SignatureDoesNotMatch).</summary>
        SignatureMismatch,
    }

    /// <summary>The outcome of <see cref="SigV4Verifier"/>, with the server-side strings to help diagnose a mismatch.</summary>
    public sealed class SigV4VerificationResult
    {
        internal SigV4VerificationResult(SigV4VerificationStatus status, string message, SigV4AuthorizationHeader? authorization = null,
            string? canonicalRequest = null, string? stringToSign = null, string? expectedSignature = null)
        {
            Status = status;
            Message = message;
            Authorization = authorization;
            CanonicalRequest = canonicalRequest;
            StringToSign = stringToSign;
            ExpectedSignature = expectedSignature;
        }

        public bool IsValid => Status == SigV4VerificationStatus.Valid;

        public SigV4VerificationStatus Status { get; }

        public string Message { get; }

        /// <summary>The parsed credential, scope, signed headers and signature (from the header or the presigned query).</summary>
        public SigV4AuthorizationHeader? Authorization { get; }

        public string? AccessKeyId => Authorization?.AccessKeyId;

        /// <summary>The canonical request as the verifier computed it (AWS returns it in SignatureDoesNotMatch).</summary>
        public string? CanonicalRequest { get; }

        public string? StringToSign { get; }

        public string? ExpectedSignature { get; }
    }
}
