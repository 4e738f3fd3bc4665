using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    /// <summary>
    /// Signs real HttpClient requests and verifies them from the bytes received on a loopback socket, which proves
    /// that what HttpClient writes on the wire is what was signed.
    /// </summary>
    public sealed class SigV4HttpRequestSignerTests
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

        [Fact]
        public async Task Signed_message_verifies_from_the_wire()
        {
            var now = DateTimeOffset.UtcNow;
            var received = await SendAndCapture(port =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/2013-04-01/hostedzone/Z1%2FA/rrset?name=a%20b.example.com&type=A")
                {
                    Content = new StringContent("<ChangeResourceRecordSetsRequest/>", Encoding.UTF8, "application/xml"),
                };
                message.Headers.Add("X-Custom", new[] { "one", "two" });
                return message;
            }, new SigV4Credentials("AKIDEXAMPLE", Secret, "token/with+chars=="), now);

            var result = new SigV4Verifier().Verify(received, Secret, now);

            Assert.True(result.IsValid, result.Message + "\n" + result.CanonicalRequest);
            Assert.Contains("x-amz-security-token", result.Authorization!.SignedHeaders);
            Assert.Contains("content-type", result.Authorization.SignedHeaders);
            Assert.Contains("x-custom", result.Authorization.SignedHeaders);
        }

        [Fact]
        public async Task Signing_sets_the_headers_on_the_message()
        {
            var message = new HttpRequestMessage(HttpMethod.Get, "https://route53.amazonaws.com/2013-04-01/hostedzone");
            var options = new SigV4SigningOptions("us-east-1", "route53", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)) { AddContentSha256Header = true };

            var result = await new SigV4HttpRequestSigner().SignAsync(message, new SigV4Credentials("AKIDEXAMPLE", Secret, "tok"), options);

            Assert.Equal(result.Authorization, message.Headers.GetValues("Authorization").Single());
            Assert.Equal("20260102T030405Z", message.Headers.GetValues("X-Amz-Date").Single());
            Assert.Equal("tok", message.Headers.GetValues("X-Amz-Security-Token").Single());
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", message.Headers.GetValues("x-amz-content-sha256").Single());
            Assert.Equal("host:route53.amazonaws.com", result.CanonicalRequest.Split('\n')[3]);
        }

        [Fact]
        public async Task Signing_twice_leaves_one_of_each_header()
        {
            var message = new HttpRequestMessage(HttpMethod.Get, "https://route53.amazonaws.com/2013-04-01/hostedzone");
            var signer = new SigV4HttpRequestSigner();
            var credentials = new SigV4Credentials("AKIDEXAMPLE", Secret);

            await signer.SignAsync(message, credentials, new SigV4SigningOptions("us-east-1", "route53", DateTimeOffset.UtcNow.AddMinutes(-1)));
            var second = await signer.SignAsync(message, credentials, new SigV4SigningOptions("us-east-1", "route53", DateTimeOffset.UtcNow));

            Assert.Equal(second.Authorization, message.Headers.GetValues("Authorization").Single());
            Assert.Single(message.Headers.GetValues("X-Amz-Date"));
        }

        private static async Task<SigV4Request> SendAndCapture(Func<int, HttpRequestMessage> createMessage, SigV4Credentials credentials, DateTimeOffset now)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var serverTask = Task.Run(async () =>
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    var request = await ReadRequest(stream);
                    var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(response);
                    return request;
                });

                using var handler = new HttpClientHandler { UseProxy = false };
                using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
                var message = createMessage(port);
                await new SigV4HttpRequestSigner().SignAsync(message, credentials, new SigV4SigningOptions("us-east-1", "route53", now));
                using var response = await http.SendAsync(message);
                response.EnsureSuccessStatusCode();
                return await serverTask;
            }
            finally
            {
                listener.Stop();
            }
        }

        /// <summary>Reads one HTTP/1.1 request and describes it as the sandbox would: raw path and query, headers as received, body bytes.</summary>
        private static async Task<SigV4Request> ReadRequest(NetworkStream stream)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int headerEnd;
            while ((headerEnd = IndexOf(buffer.ToArray(), "\r\n\r\n")) < 0)
            {
                var read = await stream.ReadAsync(chunk);
                if (read == 0) throw new EndOfStreamException("Connection closed before the request headers ended.");
                buffer.Write(chunk, 0, read);
            }
            var all = buffer.ToArray();
            var lines = Encoding.ASCII.GetString(all, 0, headerEnd).Split("\r\n");
            var parts = lines[0].Split(' ');
            var target = parts[1];
            var question = target.IndexOf('?');
            var request = new SigV4Request(parts[0], question < 0 ? target : target.Substring(0, question));
            if (question >= 0) request.AddRawQuery(target.Substring(question + 1));
            var contentLength = 0;
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                var name = line.Substring(0, colon);
                var value = line.Substring(colon + 1).Trim();
                request.AddHeader(name, value);
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) contentLength = int.Parse(value);
            }
            var body = new List<byte>(all.Skip(headerEnd + 4));
            while (body.Count < contentLength)
            {
                var read = await stream.ReadAsync(chunk);
                if (read == 0) break;
                body.AddRange(chunk.Take(read));
            }
            request.Payload = body.ToArray();
            return request;
        }

        private static int IndexOf(byte[] data, string marker)
        {
            var pattern = Encoding.ASCII.GetBytes(marker);
            for (var i = 0; i + pattern.Length <= data.Length; i++)
            {
                if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern)) return i;
            }
            return -1;
        }
    }
}
