using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Routing
{
    /// <summary>
    /// The credential scope of a SigV4-signed request: access key, date, region and service. The sandbox takes
    /// the caller's identity and region from it; it does not verify signatures.
    /// </summary>
    internal sealed class SigV4CredentialScope
    {
        private SigV4CredentialScope(string accessKeyId, string date, string region, string service)
        {
            AccessKeyId = accessKeyId; Date = date; Region = region; Service = service;
        }

        public string AccessKeyId { get; }
        public string Date { get; }
        public string Region { get; }
        public string Service { get; }

        /// <summary>Reads the Authorization header, or a presigned X-Amz-Credential parameter.</summary>
        public static SigV4CredentialScope? From(string? authorizationHeader, IReadOnlyDictionary<string, string>? queryOrForm)
        {
            if (!string.IsNullOrEmpty(authorizationHeader))
            {
                const string algorithm = "AWS4-HMAC-SHA256";
                var header = authorizationHeader!.Trim();
                if (!header.StartsWith(algorithm, StringComparison.Ordinal)) return null;
                foreach (var part in header.Substring(algorithm.Length).Split(','))
                {
                    var item = part.Trim();
                    if (item.StartsWith("Credential=", StringComparison.Ordinal))
                        return Parse(item.Substring("Credential=".Length));
                }
                return null;
            }
            if (queryOrForm != null && queryOrForm.TryGetValue("X-Amz-Credential", out var credential))
                return Parse(credential);
            return null;
        }

        /// <summary>Parses "AKID/20240101/ap-northeast-1/ec2/aws4_request".</summary>
        public static SigV4CredentialScope? Parse(string credential)
        {
            var parts = credential.Split('/');
            if (parts.Length != 5 || parts[4] != "aws4_request") return null;
            if (parts[0].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0) return null;
            return new SigV4CredentialScope(parts[0], parts[1], parts[2], parts[3]);
        }
    }
}
