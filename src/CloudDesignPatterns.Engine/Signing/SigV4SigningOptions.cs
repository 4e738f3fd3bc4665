using System;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Where and when a request is signed, and the service-specific canonicalization rules.</summary>
    public sealed class SigV4SigningOptions
    {
        public SigV4SigningOptions(string region, string service, DateTimeOffset timestamp)
        {
            if (string.IsNullOrEmpty(region)) throw new ArgumentException("A signing region is required.", nameof(region));
            if (string.IsNullOrEmpty(service)) throw new ArgumentException("A signing service name is required.", nameof(service));
            Region = region;
            Service = service;
            Timestamp = timestamp;
        }

        public string Region { get; }

        public string Service { get; }

        public DateTimeOffset Timestamp { get; }

        /// <summary>Remove '.' and '..' segments and repeated slashes from the path. Every service but S3 expects this.</summary>
        public bool NormalizePath { get; set; } = true;

        /// <summary>
        /// URI-encode the (already wire-encoded) path again. Every service but S3 expects this "double" encoding.
        /// </summary>
        public bool UriEncodePath { get; set; } = true;

        /// <summary>Add and sign an x-amz-content-sha256 header (S3 requires it; others accept it).</summary>
        public bool AddContentSha256Header { get; set; }

        /// <summary>
        /// Leave the session token out of the signature and add it afterwards. A few services (historically IoT)
        /// validate the signature without the token.
        /// </summary>
        public bool OmitSessionTokenFromSignature { get; set; }

        /// <summary>Lifetime of a presigned (query-string) request. AWS caps it at 7 days.</summary>
        public TimeSpan PresignExpiry { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Options for services other than S3: normalized, double-encoded path.</summary>
        public static SigV4SigningOptions ForService(string region, string service, DateTimeOffset timestamp)
            => new SigV4SigningOptions(region, service, timestamp);

        /// <summary>Options with S3's rules: the path is neither normalized nor encoded again, and the payload hash header is sent.</summary>
        public static SigV4SigningOptions ForS3(string region, DateTimeOffset timestamp)
            => new SigV4SigningOptions(region, "s3", timestamp) { NormalizePath = false, UriEncodePath = false, AddContentSha256Header = true };
    }
}
