using System;
using System.Globalization;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>XML text as a parser delivers it: entities and character references resolved, line ends normalised to \n.</summary>
    internal static class XmlText
    {
        public static string Decode(string raw)
        {
            if (raw.IndexOf('&') < 0 && raw.IndexOf('\r') < 0) return raw;
            var text = new StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '\r')
                {
                    text.Append('\n'); // XML 1.0 §2.11: CRLF and a lone CR both read as LF
                    if (i + 1 < raw.Length && raw[i + 1] == '\n') i++;
                    continue;
                }
                if (c != '&') { text.Append(c); continue; }
                var semicolon = raw.IndexOf(';', i);
                if (semicolon < 0) throw new FormatException("Malformed EC2 response: an unterminated entity reference.");
                AppendEntity(text, raw.Substring(i + 1, semicolon - i - 1));
                i = semicolon;
            }
            return text.ToString();
        }

        private static void AppendEntity(StringBuilder text, string name)
        {
            switch (name)
            {
                case "amp": text.Append('&'); return;
                case "lt": text.Append('<'); return;
                case "gt": text.Append('>'); return;
                case "quot": text.Append('"'); return;
                case "apos": text.Append('\''); return;
            }
            var hex = name.StartsWith("#x", StringComparison.Ordinal);
            if (name.StartsWith("#", StringComparison.Ordinal) && int.TryParse(name.Substring(hex ? 2 : 1),
                    hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF))
            {
                text.Append(char.ConvertFromUtf32(code));
                return;
            }
            throw new FormatException($"Malformed EC2 response: the unknown entity '&{name};'.");
        }
    }
}
