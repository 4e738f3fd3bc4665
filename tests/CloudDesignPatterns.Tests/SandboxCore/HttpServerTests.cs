using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>The loopback HTTP/1.1 server under the sandbox, exercised with raw sockets where HttpClient hides details.</summary>
    public sealed class HttpServerTests : IDisposable
    {
        private readonly SandboxHarness _sandbox = new SandboxHarness();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public void Binds_loopback_and_reports_its_endpoint()
        {
            Assert.NotEqual(0, _sandbox.Server.Port);
            Assert.Equal($"http://127.0.0.1:{_sandbox.Server.Port}/", _sandbox.Server.Endpoint.ToString());
        }

        [Fact]
        public async Task Keeps_the_connection_alive_across_requests()
        {
            using var client = await ConnectAsync();
            var stream = client.GetStream();
            var first = await ExchangeAsync(stream, QueryRequest("Action=DescribeInstances&Version=2016-11-15"));
            var second = await ExchangeAsync(stream, QueryRequest("Action=DescribeRegions&Version=2016-11-15"));
            Assert.StartsWith("HTTP/1.1 200 OK", first);
            Assert.Contains("<DescribeRegionsResponse", second);
        }

        [Fact]
        public async Task Reads_chunked_request_bodies()
        {
            using var client = await ConnectAsync();
            var body = "Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0a1b2c3d4e5f60101";
            var chunked = $"{10:x}\r\n{body.Substring(0, 10)}\r\n{body.Length - 10:x};ext=1\r\n{body.Substring(10)}\r\n0\r\nX-Trailer: y\r\n\r\n";
            var request = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" +
                          $"Authorization: {SandboxHarness.SigV4Ec2}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n" + chunked;
            var response = await ExchangeAsync(client.GetStream(), request);
            Assert.StartsWith("HTTP/1.1 200", response);
            Assert.Equal("i-0a1b2c3d4e5f60101", _sandbox.Ec2.Executed.Single().Parameters["InstanceId.1"]);
        }

        [Fact]
        public async Task Answers_expect_100_continue_before_the_body()
        {
            using var client = await ConnectAsync();
            var stream = client.GetStream();
            var body = Encoding.ASCII.GetBytes("Action=DescribeInstances&Version=2016-11-15");
            var head = $"POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: {body.Length}\r\nAuthorization: {SandboxHarness.SigV4Ec2}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var interim = await ReadAsync(stream);
            Assert.StartsWith("HTTP/1.1 100 Continue", interim);
            await stream.WriteAsync(body);
            Assert.StartsWith("HTTP/1.1 200", await ReadResponseAsync(stream));
        }

        [Fact]
        public async Task Http10_requests_are_answered_and_the_connection_closed()
        {
            using var client = await ConnectAsync();
            var stream = client.GetStream();
            var form = "Action=DescribeInstances&Version=2016-11-15";
            var response = await ExchangeAsync(stream,
                $"POST / HTTP/1.0\r\nAuthorization: {SandboxHarness.SigV4Ec2}\r\nContent-Length: {form.Length}\r\n\r\n{form}");
            Assert.StartsWith("HTTP/1.1 200", response);
            Assert.Contains("Connection: close", response);
            Assert.Equal(0, await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public async Task Query_parameters_on_a_get_reach_ec2_too()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/?Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0a1b2c3d4e5f60101");
            request.Headers.TryAddWithoutValidation("Authorization", SandboxHarness.SigV4Ec2);
            using var response = await _sandbox.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("i-0a1b2c3d4e5f60101", _sandbox.Ec2.Executed.Single().Parameters["InstanceId.1"]);
        }

        [Fact]
        public async Task Duplicate_slashes_in_the_path_are_collapsed()
        {
            using var client = await ConnectAsync();
            var response = await ExchangeAsync(client.GetStream(),
                "PUT //latest/api/token HTTP/1.1\r\nHost: x\r\nX-aws-ec2-metadata-token-ttl-seconds: 5\r\nContent-Length: 0\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200", response);
        }

        [Fact]
        public async Task Malformed_requests_get_400()
        {
            using var client = await ConnectAsync();
            var response = await ExchangeAsync(client.GetStream(), "NONSENSE\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 400", response);
        }

        [Fact]
        public async Task Serves_concurrent_connections()
        {
            var tasks = Enumerable.Range(0, 20).Select(_ => _sandbox.PostQueryAsync("Action=DescribeInstances&Version=2016-11-15"));
            var results = await Task.WhenAll(tasks);
            Assert.All(results, r => Assert.Equal(200, r.Status));
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _sandbox.Control.GetCalls().Select(c => c.Sequence).OrderBy(s => s));
        }

        [Fact]
        public async Task Dispose_closes_open_connections_and_frees_the_port()
        {
            var port = _sandbox.Server.Port;
            using var idle = await ConnectAsync();
            await ExchangeAsync(idle.GetStream(), QueryRequest("Action=DescribeInstances&Version=2016-11-15"));

            _sandbox.Dispose();

            var read = await idle.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, read); // the server closed the kept-alive connection
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws if the port were still taken
            listener.Stop();
        }

        [Fact]
        public void Rejects_starting_without_ec2_state()
        {
            Assert.Throws<ArgumentException>(() => CloudDesignPatterns.Sandbox.SandboxServer.Start(new CloudDesignPatterns.Sandbox.SandboxServerOptions()));
        }

        private async Task<TcpClient> ConnectAsync()
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _sandbox.Server.Port);
            return client;
        }

        private static string QueryRequest(string form) =>
            $"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: {SandboxHarness.SigV4Ec2}\r\n" +
            $"Content-Length: {Encoding.ASCII.GetByteCount(form)}\r\n\r\n{form}";

        private static async Task<string> ExchangeAsync(NetworkStream stream, string request)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            return await ReadResponseAsync(stream);
        }

        /// <summary>Reads one response: head, then exactly Content-Length body bytes.</summary>
        private static async Task<string> ReadResponseAsync(NetworkStream stream)
        {
            var text = new StringBuilder();
            var one = new byte[1];
            while (!text.ToString().EndsWith("\r\n\r\n"))
            {
                if (await stream.ReadAsync(one).AsTask().WaitAsync(TimeSpan.FromSeconds(5)) == 0) break;
                text.Append((char)one[0]);
            }
            var lengthLine = text.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine == null ? 0 : int.Parse(lengthLine.Split(':')[1].Trim());
            var body = new byte[length];
            var read = 0;
            while (read < length) read += await stream.ReadAsync(body.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return text + Encoding.UTF8.GetString(body);
        }

        private static async Task<string> ReadAsync(NetworkStream stream)
        {
            var buffer = new byte[1024];
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
    }
}
