using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Http
{
    /// <summary>Writes a <see cref="SandboxResponse"/> as an HTTP/1.1 message with a Content-Length body.</summary>
    internal static class HttpResponseWriter
    {
        public static async Task WriteAsync(Stream output, SandboxResponse response, bool isHead, bool keepAlive, CancellationToken cancel)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(ReasonPhrase(response.StatusCode)).Append("\r\n");
            head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Server: CloudDesignPatterns.Sandbox\r\n");
            if (response.Body.Length > 0 || !string.IsNullOrEmpty(response.ContentType))
                head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
            foreach (var header in response.Headers)
                head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
            head.Append("\r\n");

            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            await output.WriteAsync(headBytes, 0, headBytes.Length, cancel).ConfigureAwait(false);
            if (!isHead && response.Body.Length > 0)
            {
                var body = response.Body.Bytes;
                await output.WriteAsync(body.Array!, body.Offset, body.Count, cancel).ConfigureAwait(false);
            }
            await output.FlushAsync(cancel).ConfigureAwait(false);
        }

        private static string ReasonPhrase(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 201: return "Created";
                case 204: return "No Content";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 409: return "Conflict";
                case 500: return "Internal Server Error";
                case 503: return "Service Unavailable";
                default: return "Status";
            }
        }
    }
}
