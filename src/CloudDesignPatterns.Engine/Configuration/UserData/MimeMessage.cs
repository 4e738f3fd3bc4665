using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Configuration.UserData
{
    /// <summary>
    /// Just enough MIME to read cloud-init multi-part user data: top-level headers, multipart bodies split on their
    /// boundary (nested multiparts included), and base64 / quoted-printable transfer encodings. Works on a Latin-1
    /// view of the bytes so binary (for example gzip) part bodies pass through unchanged.
    /// </summary>
    internal static class MimeMessage
    {
        private static readonly Regex HeaderLine = new Regex(@"^(?<name>[A-Za-z0-9-]+)[ \t]*:[ \t]*(?<value>.*)\z", RegexOptions.CultureInvariant);
        private static readonly Regex BoundaryParameter = new Regex(@";\s*boundary\s*=\s*(""(?<b>[^""]+)""|(?<b>[^;\s]+))",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The decoded bodies of every part, or null when the data is not a MIME message.
        /// A part that is itself multipart is returned whole (headers included) so the caller can unwrap it again.</summary>
        public static IReadOnlyList<byte[]>? TryGetParts(byte[] data)
        {
            var text = ContentSniffer.Latin1(data);
            var position = SkipBlankLines(text, 0);
            var headers = ReadHeaders(text, ref position);
            if (headers == null || !(headers.ContainsKey("content-type") || headers.ContainsKey("mime-version"))) return null;

            var body = text.Substring(position);
            headers.TryGetValue("content-type", out var contentType);
            if (contentType != null && contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = BoundaryParameter.Match(contentType);
                if (!boundary.Success) return null;
                return SplitMultipart(body, boundary.Groups["b"].Value);
            }
            // A single-part MIME message (headers + body).
            return new[] { DecodeBody(body, headers) };
        }

        private static List<byte[]> SplitMultipart(string body, string boundary)
        {
            var parts = new List<byte[]>();
            var delimiter = "--" + boundary;
            int? partStart = null;
            var position = 0;
            while (position < body.Length)
            {
                var lineStart = position;
                var lineEnd = body.IndexOf('\n', position);
                var nextLine = lineEnd < 0 ? body.Length : lineEnd + 1;
                var line = body.Substring(lineStart, (lineEnd < 0 ? body.Length : lineEnd) - lineStart).TrimEnd('\r', ' ', '\t');
                var isClose = line == delimiter + "--";
                if (line == delimiter || isClose)
                {
                    if (partStart.HasValue) parts.Add(ReadPart(body, partStart.Value, lineStart));
                    if (isClose) return parts;
                    partStart = nextLine;
                }
                position = nextLine;
            }
            // Tolerate a missing closing delimiter: the last part runs to the end.
            if (partStart.HasValue && partStart.Value < body.Length) parts.Add(ReadPart(body, partStart.Value, body.Length));
            return parts;
        }

        private static byte[] ReadPart(string body, int start, int delimiterLineStart)
        {
            // The line break before a delimiter belongs to the delimiter, not to the part.
            var end = delimiterLineStart;
            if (end > start && body[end - 1] == '\n') end--;
            if (end > start && body[end - 1] == '\r') end--;
            var part = body.Substring(start, Math.Max(0, end - start));

            var position = 0;
            Dictionary<string, string>? headers;
            if (part.StartsWith("\r\n", StringComparison.Ordinal) || part.StartsWith("\n", StringComparison.Ordinal))
            {
                headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // a part with no headers
                position = part[0] == '\r' ? 2 : 1;
            }
            else
            {
                headers = ReadHeaders(part, ref position);
                if (headers == null)
                {
                    headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    position = 0;
                }
            }
            if (headers.TryGetValue("content-type", out var type) && type.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                return ContentSniffer.Latin1Bytes(part); // nested multipart: unwrap again with its own headers
            }
            return DecodeBody(part.Substring(position), headers);
        }

        private static byte[] DecodeBody(string body, IReadOnlyDictionary<string, string> headers)
        {
            headers.TryGetValue("content-transfer-encoding", out var encoding);
            switch ((encoding ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "base64":
                    return ContentSniffer.TryDecodeBase64(body) ?? ContentSniffer.Latin1Bytes(body);
                case "quoted-printable":
                    return DecodeQuotedPrintable(body);
                default:
                    return ContentSniffer.Latin1Bytes(body);
            }
        }

        /// <summary>Reads "Name: value" lines (with folded continuations) up to the blank line.
        /// Null when the text does not start with a header block.</summary>
        private static Dictionary<string, string>? ReadHeaders(string text, ref int position)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? lastName = null;
            while (position < text.Length)
            {
                var lineEnd = text.IndexOf('\n', position);
                var nextLine = lineEnd < 0 ? text.Length : lineEnd + 1;
                var line = text.Substring(position, (lineEnd < 0 ? text.Length : lineEnd) - position).TrimEnd('\r');
                position = nextLine;
                if (line.Trim().Length == 0) return headers.Count > 0 ? headers : null;
                if ((line[0] == ' ' || line[0] == '\t') && lastName != null)
                {
                    headers[lastName] += " " + line.Trim();
                    continue;
                }
                var match = HeaderLine.Match(line);
                if (!match.Success) return null;
                lastName = match.Groups["name"].Value;
                headers[lastName] = match.Groups["value"].Value.Trim();
            }
            return null; // headers with no body: not a message
        }

        private static int SkipBlankLines(string text, int position)
        {
            while (position < text.Length && (text[position] == '\r' || text[position] == '\n' || text[position] == ' ' || text[position] == '\t')) position++;
            return position;
        }

        private static byte[] DecodeQuotedPrintable(string body)
        {
            var bytes = new List<byte>(body.Length);
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c == '=' && i + 1 < body.Length && (body[i + 1] == '\n' || body[i + 1] == '\r'))
                {
                    // Soft line break.
                    i++;
                    if (body[i] == '\r' && i + 1 < body.Length && body[i + 1] == '\n') i++;
                    continue;
                }
                if (c == '=' && i + 2 < body.Length
                    && byte.TryParse(body.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    bytes.Add(value);
                    i += 2;
                    continue;
                }
                bytes.Add(unchecked((byte)c));
            }
            return bytes.ToArray();
        }
    }
}
