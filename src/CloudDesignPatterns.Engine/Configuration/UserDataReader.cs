using System;
using CloudDesignPatterns.Engine.Configuration.UserData;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>
    /// Finds the Cloud DI settings in an instance's user data, whatever shape it was launched with: a JSON object of
    /// cdp:… keys, or "# cdp:…=value" lines in a script, wrapped in any nesting of base64, gzip and MIME multi-part
    /// (every part is read). Never throws on bad input: garbage yields no settings and a warning.
    /// </summary>
    public static class UserDataReader
    {
        /// <summary>How many layers (base64 in gzip in MIME…) are unwrapped before giving up.</summary>
        public const int MaxDepth = 8;

        public static UserDataReadResult Read(byte[]? raw)
        {
            var collector = new SettingCollector();
            if (raw != null && raw.Length > 0)
            {
                try
                {
                    Visit(raw, 0, collector);
                }
                catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is InvalidOperationException || ex is System.IO.IOException)
                {
                    // Belt and braces: user data is foreign input and reading it must never fail a command.
                    collector.Warn($"The user data could not be read ({ex.Message}); no settings were taken from it.");
                }
            }
            return new UserDataReadResult(collector.Settings, collector.Warnings.ToArray(), collector.Forms.ToArray());
        }

        public static UserDataReadResult Read(string? text) =>
            Read(text == null ? null : System.Text.Encoding.UTF8.GetBytes(text));

        private static void Visit(byte[] data, int depth, SettingCollector collector)
        {
            if (data.Length == 0) return;
            if (depth > MaxDepth)
            {
                collector.Warn($"The user data is wrapped more than {MaxDepth} layers deep; the innermost layers were not read.");
                return;
            }

            if (ContentSniffer.IsGzip(data))
            {
                var inflated = ContentSniffer.TryGunzip(data);
                if (inflated == null)
                {
                    collector.Warn("Part of the user data is gzip data that could not be decompressed (corrupt, or larger than 4 MB); it was not read.");
                    return;
                }
                collector.NoteForm("gzip");
                Visit(inflated, depth + 1, collector);
                return;
            }

            var parts = MimeMessage.TryGetParts(StripUtf8Bom(data));
            if (parts != null)
            {
                collector.NoteForm("mime");
                foreach (var part in parts) Visit(part, depth + 1, collector);
                return;
            }

            var text = ContentSniffer.TryDecodeText(data, strict: false);
            if (text == null)
            {
                collector.Warn("Part of the user data is neither text, base64, gzip nor MIME; it was not read.");
                return;
            }

            var trimmed = text.Trim();
            var decoded = ContentSniffer.TryDecodeBase64(trimmed);
            // Only follow base64 that leads somewhere sensible: a plain word such as "true" is valid base64 too.
            if (decoded != null && (ContentSniffer.IsGzip(decoded) || ContentSniffer.TryDecodeText(decoded, strict: true) != null))
            {
                collector.NoteForm("base64");
                Visit(decoded, depth + 1, collector);
                return;
            }

            if (trimmed.StartsWith("{", StringComparison.Ordinal) && JsonSettings.TryRead(trimmed, collector)) return;

            ScriptSettingLines.Read(text, collector);
        }

        private static byte[] StripUtf8Bom(byte[] data)
        {
            if (data.Length < 3 || data[0] != 0xef || data[1] != 0xbb || data[2] != 0xbf) return data;
            var stripped = new byte[data.Length - 3];
            Array.Copy(data, 3, stripped, 0, stripped.Length);
            return stripped;
        }
    }
}
