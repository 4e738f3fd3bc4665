using System;
using System.Net.Http;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>A sandbox on a free loopback port with fake EC2 state, a fake clock and an HttpClient pointed at it.</summary>
    internal sealed class SandboxHarness : IDisposable
    {
        public const string SigV4Ec2 =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260115/ap-northeast-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";

        public SandboxHarness(bool fakeClock = true, IPolicyDecider? decider = null, string? currentInstance = SampleInstances.WebId)
        {
            Clock = fakeClock ? new FakeClock() : null;
            Server = SandboxServer.Start(new SandboxServerOptions
            {
                Port = 0,
                Ec2 = Ec2,
                Instances = Directory,
                CurrentInstanceId = currentInstance,
                Clock = (ISandboxClock?)Clock ?? SystemSandboxClock.Instance,
                PolicyDecider = decider ?? AllowAllPolicyDecider.Instance,
            });
            Http = new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = Server.Endpoint };
        }

        public FakeEc2Service Ec2 { get; } = new FakeEc2Service();
        public FakeInstanceDirectory Directory { get; } = FakeInstanceDirectory.WithSampleInstances();
        public FakeClock? Clock { get; }
        public SandboxServer Server { get; }
        public ISandboxControl Control => Server.Control;
        public HttpClient Http { get; }

        public async Task<string> TokenAsync(int ttl = 60)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/latest/api/token");
            request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", ttl.ToString());
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<(int Status, string Body)> GetMetadataAsync(string path, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token != null) request.Headers.Add("X-aws-ec2-metadata-token", token);
            using var response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>POSTs a Query body signed (scope only) with the given access key and service.</summary>
        public async Task<(int Status, string Body)> PostQueryAsync(string form, string accessKey = "AKIDEXAMPLE", string service = "ec2", bool signed = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/")
            {
                Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            if (signed)
                request.Headers.TryAddWithoutValidation("Authorization",
                    $"AWS4-HMAC-SHA256 Credential={accessKey}/20260115/ap-northeast-1/{service}/aws4_request, SignedHeaders=host, Signature=abc");
            using var response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose()
        {
            Http.Dispose();
            Server.Dispose();
        }
    }
}
