using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CloudDesignPatterns.Engine.Configuration.UserData
{
    /// <summary>Recognises the byte-level forms of user data: gzip, base64, text (UTF-8/UTF-16 with or without BOM)
    /// versus binary garbage.</summary>
    internal static class ContentSniffer
    {
        /// <summary>Decompressed user data is capped: real user data is at most 16 KB, so anything far bigger is a
        /// gzip bomb or not user data at all.</summary>
        public const int MaxDecompressedBytes = 4 * 1024 * 1024;

        public static bool IsGzip(byte[] data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

        public static byte[]? TryGunzip(byte[] data)
        {
            if (data.Length < 18) return null; // header (10) + trailer (8): anything shorter is not a gzip stream
            try
            {
                using (var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                        if (output.Length > MaxDecompressedBytes) return null;
                    }
                    // .NET does not notice a truncated stream; the trailer's ISIZE (length mod 2^32) does.
                    // (Checked against the last member, so single-member gzip, which is what tools write for user data.)
                    var n = data.Length;
                    var expectedLength = (uint)(data[n - 4] | data[n - 3] << 8 | data[n - 2] << 16 | data[n - 1] << 24); // little-endian
                    if (unchecked((uint)output.Length) != expectedLength) return null;
                    return output.ToArray();
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>Decodes text, honouring a UTF-8 or UTF-16 byte order mark. Returns null for binary data
        /// (NUL bytes, many control characters, or mostly invalid UTF-8).</summary>
        public static string? TryDecodeText(byte[] data, bool strict)
        {
            string text;
            if (data.Length >= 2 && data[0] == 0xff && data[1] == 0xfe) text = Encoding.Unicode.GetString(data, 2, data.Length - 2);
            else if (data.Length >= 2 && data[0] == 0xfe && data[1] == 0xff) text = Encoding.BigEndianUnicode.GetString(data, 2, data.Length - 2);
            else if (data.Length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf) text = Encoding.UTF8.GetString(data, 3, data.Length - 3);
            else text = Encoding.UTF8.GetString(data);
            return LooksLikeText(text, strict) ? text : null;
        }

        private static bool LooksLikeText(string text, bool strict)
        {
            int suspicious = 0, invalid = 0;
            foreach (var c in text)
            {
                if (c == '\0') return false;
                if (c == '\uFFFD') invalid++;
                else if (char.IsControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') suspicious++;
            }
            if (strict) return invalid == 0 && suspicious == 0;
            // A script in a legacy code page has the odd invalid byte; binary data is full of them.
            return suspicious * 50 <= text.Length && invalid * 10 <= text.Length;
        }

        /// <summary>Decodes <paramref name="text"/> when it consists only of base64 characters and whitespace.</summary>
        public static byte[]? TryDecodeBase64(string text)
        {
            var compact = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c)) continue;
                var isBase64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
                if (!isBase64) return null;
                compact.Append(c);
            }
            if (compact.Length < 4) return null;
            // Tolerate stripped padding, which some tools do.
            while (compact.Length % 4 != 0) compact.Append('=');
            try
            {
                return Convert.FromBase64String(compact.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Bytes → string with one char per byte, so binary MIME part bodies survive the round trip.</summary>
        public static string Latin1(byte[] data)
        {
            var chars = new char[data.Length];
            for (var i = 0; i < data.Length; i++) chars[i] = (char)data[i];
            return new string(chars);
        }

        public static byte[] Latin1Bytes(string text)
        {
            var bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++) bytes[i] = unchecked((byte)text[i]);
            return bytes;
        }
    }
}
