namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Names and literals fixed by the SigV4 specification.</summary>
    public static class SigV4Constants
    {
        public const string Algorithm = "AWS4-HMAC-SHA256";
        public const string Terminator = "aws4_request";
        public const string DateTimeFormat = "yyyyMMdd'T'HHmmss'Z'";
        public const string DateFormat = "yyyyMMdd";
        public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

        public const string AuthorizationHeader = "Authorization";
        public const string DateHeader = "X-Amz-Date";
        public const string SecurityTokenHeader = "X-Amz-Security-Token";
        public const string ContentSha256Header = "x-amz-content-sha256";

        public const string AlgorithmParameter = "X-Amz-Algorithm";
        public const string CredentialParameter = "X-Amz-Credential";
        public const string DateParameter = "X-Amz-Date";
        public const string ExpiresParameter = "X-Amz-Expires";
        public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
        public const string SecurityTokenParameter = "X-Amz-Security-Token";
        public const string SignatureParameter = "X-Amz-Signature";
    }
}
