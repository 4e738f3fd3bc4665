using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    /// <summary>One folder of the suite: the raw request, its context.json, and the expected outputs.</summary>
    internal sealed class SigningSuiteCase
    {
        private readonly string _folder;

        private SigningSuiteCase(string folder) => _folder = folder;

        public string RequestLine { get; private set; } = string.Empty;
        public string Method { get; private set; } = string.Empty;
        public string Path { get; private set; } = string.Empty;
        public string? RawQuery { get; private set; }
        public string HttpVersion { get; private set; } = string.Empty;

        /// <summary>Header lines exactly as in request.txt (continuation lines kept), for rebuilding the signed request.</summary>
        public List<string> RawHeaderLines { get; } = new List<string>();
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
        public string Body { get; private set; } = string.Empty;

        public SigV4Credentials Credentials { get; private set; } = null!;
        public SigV4SigningOptions Options { get; private set; } = null!;

        public string Expected(string fileName) => File.ReadAllText(System.IO.Path.Combine(_folder, fileName));

        public SigV4Request ToRequest()
        {
            var request = new SigV4Request(Method, Path).AddRawQuery(RawQuery);
            foreach (var header in Headers) request.AddHeader(header.Key, header.Value);
            request.Payload = Encoding.UTF8.GetBytes(Body);
            return request;
        }

        public static SigningSuiteCase Load(string folder)
        {
            var suiteCase = new SigningSuiteCase(folder);
            suiteCase.ParseRequest(File.ReadAllText(System.IO.Path.Combine(folder, "request.txt")));
            suiteCase.ParseContext(File.ReadAllText(System.IO.Path.Combine(folder, "context.json")));
            return suiteCase;
        }

        private void ParseRequest(string text)
        {
            var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = headerEnd < 0 ? text.TrimEnd('\n') : text.Substring(0, headerEnd);
            Body = headerEnd < 0 ? string.Empty : text.Substring(headerEnd + 2);
            var lines = head.Split('\n');

            // The target may contain spaces ("GET /example space/ HTTP/1.1"), so split on the first and last space only.
            RequestLine = lines[0];
            var firstSpace = RequestLine.IndexOf(' ');
            var lastSpace = RequestLine.LastIndexOf(' ');
            Method = RequestLine.Substring(0, firstSpace);
            HttpVersion = RequestLine.Substring(lastSpace + 1);
            var target = RequestLine.Substring(firstSpace + 1, lastSpace - firstSpace - 1);
            var question = target.IndexOf('?');
            Path = question < 0 ? target : target.Substring(0, question);
            RawQuery = question < 0 ? null : target.Substring(question + 1);

            foreach (var line in lines.Skip(1))
            {
                RawHeaderLines.Add(line);
                if (line.Length > 0 && char.IsWhiteSpace(line[0]))
                {
                    // Obsolete line folding: the continuation belongs to the previous header's value.
                    var last = Headers[Headers.Count - 1];
                    Headers[Headers.Count - 1] = new KeyValuePair<string, string>(last.Key, last.Value + "\n" + line);
                    continue;
                }
                var colon = line.IndexOf(':');
                Headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon), line.Substring(colon + 1)));
            }
        }

        private void ParseContext(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var credentials = root.GetProperty("credentials");
            Credentials = new SigV4Credentials(
                credentials.GetProperty("access_key_id").GetString()!,
                credentials.GetProperty("secret_access_key").GetString()!,
                credentials.TryGetProperty("token", out var token) ? token.GetString() : null);
            Options = new SigV4SigningOptions(
                root.GetProperty("region").GetString()!,
                root.GetProperty("service").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            {
                NormalizePath = root.GetProperty("normalize").GetBoolean(),
                AddContentSha256Header = root.GetProperty("sign_body").GetBoolean(),
                OmitSessionTokenFromSignature = root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean(),
                PresignExpiry = TimeSpan.FromSeconds(root.GetProperty("expiration_in_seconds").GetInt32()),
            };
        }
    }
}
