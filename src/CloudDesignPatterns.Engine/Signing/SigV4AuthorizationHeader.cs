using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>
    /// The parts of an <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> Authorization header.
    /// </summary>
    public sealed class SigV4AuthorizationHeader
    {
        public SigV4AuthorizationHeader(string accessKeyId, string date, string region, string service, IReadOnlyList<string> signedHeaders, string signature)
        {
            AccessKeyId = accessKeyId;
            Date = date;
            Region = region;
            Service = service;
            SignedHeaders = signedHeaders;
            Signature = signature;
        }

        public string AccessKeyId { get; }

        /// <summary>The credential scope date, yyyyMMdd.</summary>
        public string Date { get; }

        public string Region { get; }

        public string Service { get; }

        /// <summary>Lowercase names, in the order the header lists them.</summary>
        public IReadOnlyList<string> SignedHeaders { get; }

        public string Signature { get; }

        public string CredentialScope => Date + "/" + Region + "/" + Service + "/" + SigV4Constants.Terminator;

        public override string ToString()
            => SigV4Constants.Algorithm + " Credential=" + AccessKeyId + "/" + CredentialScope
               + ", SignedHeaders=" + string.Join(";", SignedHeaders) + ", Signature=" + Signature;

        /// <summary>Parses the header value; false (with no exception) for any other scheme or a malformed value.</summary>
        public static bool TryParse(string? value, out SigV4AuthorizationHeader? header)
        {
            header = null;
            if (string.IsNullOrWhiteSpace(value)) return false;
            var text = value!.Trim();
            if (!text.StartsWith(SigV4Constants.Algorithm + " ", StringComparison.Ordinal)) return false;

            string? credential = null, signedHeaders = null, signature = null;
            foreach (var part in text.Substring(SigV4Constants.Algorithm.Length).Split(','))
            {
                var item = part.Trim();
                var equals = item.IndexOf('=');
                if (equals <= 0) return false;
                var name = item.Substring(0, equals).Trim();
                var content = item.Substring(equals + 1).Trim();
                switch (name)
                {
                    case "Credential": credential = content; break;
                    case "SignedHeaders": signedHeaders = content; break;
                    case "Signature": signature = content; break;
                    default: return false;
                }
            }
            if (credential == null || signedHeaders == null || signature == null) return false;

            // The access key id never contains '/', so the scope is always the last four segments.
            var segments = credential.Split('/');
            if (segments.Length != 5 || segments.Any(s => s.Length == 0) || segments[4] != SigV4Constants.Terminator) return false;
            if (segments[1].Length != 8 || !segments[1].All(char.IsDigit)) return false;
            var names = signedHeaders.Split(';');
            if (names.Any(n => n.Length == 0)) return false;
            if (signature.Length != 64 || !signature.All(IsLowerHex)) return false;

            header = new SigV4AuthorizationHeader(segments[0], segments[1], segments[2], segments[3], names, signature);
            return true;
        }

        private static bool IsLowerHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
