using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Http
{
    /// <summary>A parsed request plus what the connection loop needs to know about keep-alive.</summary>
    internal sealed class ParsedRequest
    {
        public ParsedRequest(SandboxRequest request, bool keepAlive) { Request = request; KeepAlive = keepAlive; }
        public SandboxRequest Request { get; }
        public bool KeepAlive { get; }
    }

    /// <summary>Reads one HTTP/1.x request (head and body) from a connection.</summary>
    internal static class HttpRequestParser
    {
        private const int MaxBodyBytes = 64 * 1024 * 1024;
        private static readonly byte[] ContinueLine = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

        /// <summary>Null when the client closed the connection cleanly between requests.</summary>
        public static async Task<ParsedRequest?> ReadAsync(ConnectionReader reader, Stream output, CancellationToken cancel)
        {
            string? requestLine;
            do
            {
                requestLine = await reader.ReadLineAsync(cancel).ConfigureAwait(false);
                if (requestLine == null) return null;
            } while (requestLine.Length == 0); // tolerate stray CRLFs between requests (RFC 7230 §3.5)

            var parts = requestLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
                throw new HttpProtocolException("Malformed request line.");
            var method = parts[0];
            var http10 = parts[2] == "HTTP/1.0";
            SplitTarget(parts[1], out var path, out var query);

            var headers = await ReadHeadersAsync(reader, cancel).ConfigureAwait(false);

            var connection = headers.TryGetValue("Connection", out var c) ? c : "";
            var keepAlive = http10
                ? connection.IndexOf("keep-alive", StringComparison.OrdinalIgnoreCase) >= 0
                : connection.IndexOf("close", StringComparison.OrdinalIgnoreCase) < 0;

            if (!http10 && headers.TryGetValue("Expect", out var expect)
                && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await output.WriteAsync(ContinueLine, 0, ContinueLine.Length, cancel).ConfigureAwait(false);
                await output.FlushAsync(cancel).ConfigureAwait(false);
            }

            var body = await ReadBodyAsync(reader, headers, cancel).ConfigureAwait(false);
            return new ParsedRequest(new SandboxRequest(method, path, query, headers, body), keepAlive);
        }

        private static void SplitTarget(string target, out string path, out string query)
        {
            // Absolute-form targets (sent through proxies) carry scheme and authority: keep only path and query.
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                var slash = target.IndexOf('/', target.IndexOf("//", StringComparison.Ordinal) + 2);
                target = slash < 0 ? "/" : target.Substring(slash);
            }
            var q = target.IndexOf('?');
            path = q < 0 ? target : target.Substring(0, q);
            query = q < 0 ? "" : target.Substring(q + 1);
            if (path.Length == 0) path = "/";
            // The AWS SDK joins its IMDS endpoint and "/latest/..." without trimming, so an endpoint configured with a
            // trailing slash yields "//latest/...". Servers in front of AWS collapse such runs; so does the sandbox.
            while (path.Contains("//")) path = path.Replace("//", "/");
        }

        private static async Task<Dictionary<string, string>> ReadHeadersAsync(ConnectionReader reader, CancellationToken cancel)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var count = 0; ; count++)
            {
                if (count > 200) throw new HttpProtocolException("Too many headers.");
                var line = await reader.ReadLineAsync(cancel).ConfigureAwait(false)
                           ?? throw new HttpProtocolException("Connection closed inside the headers.");
                if (line.Length == 0) return headers;
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new HttpProtocolException("Malformed header line.");
                var name = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                headers[name] = headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
            }
        }

        private static async Task<byte[]> ReadBodyAsync(ConnectionReader reader, Dictionary<string, string> headers, CancellationToken cancel)
        {
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                return await ReadChunkedAsync(reader, cancel).ConfigureAwait(false);
            if (!headers.TryGetValue("Content-Length", out var lengthText)) return Array.Empty<byte>();
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxBodyBytes)
                throw new HttpProtocolException("Invalid Content-Length.");
            var body = new byte[length];
            await reader.ReadExactAsync(body, 0, length, cancel).ConfigureAwait(false);
            return body;
        }

        private static async Task<byte[]> ReadChunkedAsync(ConnectionReader reader, CancellationToken cancel)
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(cancel).ConfigureAwait(false)
                               ?? throw new HttpProtocolException("Connection closed inside a chunked body.");
                var semicolon = sizeLine.IndexOf(';'); // chunk extensions are ignored
                var sizeText = (semicolon < 0 ? sizeLine : sizeLine.Substring(0, semicolon)).Trim();
                if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size)
                    || size < 0 || body.Length + size > MaxBodyBytes)
                    throw new HttpProtocolException("Invalid chunk size.");
                if (size == 0) break;
                var chunk = new byte[size];
                await reader.ReadExactAsync(chunk, 0, size, cancel).ConfigureAwait(false);
                body.Write(chunk, 0, size);
                if (await reader.ReadLineAsync(cancel).ConfigureAwait(false) != "")
                    throw new HttpProtocolException("Chunk not followed by CRLF.");
            }
            // Trailer fields end with an empty line; their values are not needed.
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancel).ConfigureAwait(false))) { }
            return body.ToArray();
        }
    }
}
