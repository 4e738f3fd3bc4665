using System;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>The key pair (and optional session token) a request is signed with.</summary>
    public sealed class SigV4Credentials
    {
        public SigV4Credentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
        {
            if (string.IsNullOrEmpty(accessKeyId)) throw new ArgumentException("An access key id is required.", nameof(accessKeyId));
            if (string.IsNullOrEmpty(secretAccessKey)) throw new ArgumentException("A secret access key is required.", nameof(secretAccessKey));
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        }

        public string AccessKeyId { get; }

        public string SecretAccessKey { get; }

        /// <summary>Temporary-credential token; sent as X-Amz-Security-Token when present.</summary>
        public string? SessionToken { get; }

        // Never leak the secret through logging or debugger display.
        public override string ToString() => AccessKeyId;
    }
}
