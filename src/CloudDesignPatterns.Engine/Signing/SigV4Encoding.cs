using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>The byte-level primitives of SigV4: RFC 3986 encoding, hex, SHA-256, HMAC.</summary>
    internal static class SigV4Encoding
    {
        private const string UpperHex = "0123456789ABCDEF";
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, false);

        /// <summary>SHA-256 of the empty string, the payload hash of every bodiless request.</summary>
        public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        /// <summary>
        /// Percent-encodes every UTF-8 byte except the unreserved set A-Z a-z 0-9 - _ . ~ (and '/' when asked).
        /// SigV4 requires uppercase hex and, unlike form encoding, never '+' for space.
        /// </summary>
        public static string UriEncode(string value, bool keepSlash)
        {
            var builder = new StringBuilder(value.Length + 16);
            foreach (var b in StrictUtf8.GetBytes(value))
            {
                var c = (char)b;
                if (IsUnreserved(c) || (keepSlash && c == '/'))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
                }
            }
            return builder.ToString();
        }

        /// <summary>Decodes %XX sequences as UTF-8. '+' stays '+' (SigV4 clients encode space as %20), malformed escapes stay literal.</summary>
        public static string PercentDecode(string value)
        {
            if (value.IndexOf('%') < 0) return value;
            using (var bytes = new MemoryStream(value.Length))
            {
                for (var i = 0; i < value.Length; i++)
                {
                    var c = value[i];
                    if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                    {
                        bytes.WriteByte((byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                        i += 2;
                    }
                    else
                    {
                        var encoded = StrictUtf8.GetBytes(c.ToString());
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                        {
                            encoded = StrictUtf8.GetBytes(value.Substring(i, 2));
                            i++;
                        }
                        bytes.Write(encoded, 0, encoded.Length);
                    }
                }
                return StrictUtf8.GetString(bytes.ToArray());
            }
        }

        public static string ToLowerHex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return builder.ToString();
        }

        public static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        public static string Sha256Hex(byte[]? data) => data == null || data.Length == 0 ? EmptyPayloadHash : ToLowerHex(Sha256(data));

        public static string Sha256Hex(string text) => ToLowerHex(Sha256(Encoding.UTF8.GetBytes(text)));

        public static byte[] HmacSha256(byte[] key, string data)
        {
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
            }
        }

        /// <summary>Compares two signatures in time independent of where they differ, so a verifier leaks nothing.</summary>
        public static bool FixedTimeEquals(string a, string b)
        {
            if (a.Length != b.Length) return false;
            var difference = 0;
            for (var i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }
            return difference == 0;
        }

        private static bool IsUnreserved(char c)
            => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
