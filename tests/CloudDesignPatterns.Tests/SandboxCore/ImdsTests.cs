using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    public sealed class ImdsTests : IDisposable
    {
        private readonly SandboxHarness _sandbox = new SandboxHarness();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public async Task Reads_without_a_token_are_refused_because_v1_is_disabled()
        {
            var (status, _) = await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token: null);
            Assert.Equal(401, status);
            var (badStatus, _) = await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token: "made-up");
            Assert.Equal(401, badStatus);
        }

        [Fact]
        public async Task A_token_expires_after_its_ttl()
        {
            var token = await _sandbox.TokenAsync(ttl: 10);
            Assert.Equal(200, (await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token)).Status);
            _sandbox.Clock!.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal(401, (await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token)).Status);
        }

        [Theory]
        [InlineData("0", 400)]
        [InlineData("21601", 400)]
        [InlineData("abc", 400)]
        [InlineData(null, 400)]
        [InlineData("1", 200)]
        [InlineData("21600", 200)]
        public async Task Token_ttl_must_be_between_1_and_21600_seconds(string? ttl, int expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/latest/api/token");
            if (ttl != null) request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", ttl);
            using var response = await _sandbox.Http.SendAsync(request);
            Assert.Equal(expected, (int)response.StatusCode);
            if (expected == 200)
                Assert.Equal(ttl, response.Headers.GetValues("X-aws-ec2-metadata-token-ttl-seconds").Single());
        }

        [Fact]
        public async Task A_token_request_through_a_proxy_is_forbidden()
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/latest/api/token");
            request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
            request.Headers.Add("X-Forwarded-For", "10.0.0.1");
            using var response = await _sandbox.Http.SendAsync(request);
            Assert.Equal(403, (int)response.StatusCode);
        }

        [Theory]
        [InlineData("/latest/meta-data/instance-id", SampleInstances.WebId)]
        [InlineData("/latest/meta-data/instance-type", "t3.micro")]
        [InlineData("/latest/meta-data/ami-id", "ami-0123456789abcdef0")]
        [InlineData("/latest/meta-data/local-ipv4", "10.0.1.10")]
        [InlineData("/latest/meta-data/local-hostname", "ip-10-0-1-10.ap-northeast-1.compute.internal")]
        [InlineData("/latest/meta-data/mac", "0a:1b:2c:3d:4e:01")]
        [InlineData("/latest/meta-data/public-ipv4", "203.0.113.10")]
        [InlineData("/latest/meta-data/placement/availability-zone", "ap-northeast-1a")]
        [InlineData("/latest/meta-data/placement/region", "ap-northeast-1")]
        [InlineData("/latest/meta-data/placement/", "availability-zone\nregion")]
        [InlineData("/latest/meta-data/network/interfaces/macs/", "0a:1b:2c:3d:4e:01/\n0a:1b:2c:3d:4e:02/")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/interface-id", "eni-0a1b2c3d4e5f60101")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/vpc-id", "vpc-0a1b2c3d")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/subnet-id", "subnet-0a1b2c3d")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/local-ipv4s", "10.0.1.10\n10.0.1.11")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/security-group-ids", "sg-0a1b2c3d\nsg-0e0f0a0b")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:02/device-number", "1")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:01/vpc-ipv4-cidr-block", "10.0.0.0/16")]
        [InlineData("/latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:02/subnet-ipv4-cidr-block", "10.0.2.0/24")]
        [InlineData("/latest/meta-data/iam/security-credentials", "cdp-web-role")]
        [InlineData("/latest/meta-data/iam/security-credentials/", "cdp-web-role")]
        [InlineData("/latest/meta-data/tags/instance/", "Name\ncdp:snapshot:keep-generations")]
        [InlineData("/latest/meta-data/tags/instance/cdp:snapshot:keep-generations", "7")]
        [InlineData("/latest/user-data", "#!/bin/bash\n# cdp:snapshot:keep-generations=7\n")]
        public async Task Serves_the_current_instance(string path, string expected)
        {
            var token = await _sandbox.TokenAsync();
            var (status, body) = await _sandbox.GetMetadataAsync(path, token);
            Assert.Equal(200, status);
            Assert.Equal(expected, body);
        }

        [Fact]
        public async Task The_meta_data_listing_shows_leaves_and_directories()
        {
            var token = await _sandbox.TokenAsync();
            var (status, body) = await _sandbox.GetMetadataAsync("/latest/meta-data/", token);
            Assert.Equal(200, status);
            var entries = body.Split('\n');
            foreach (var expected in new[] { "ami-id", "instance-id", "instance-type", "local-ipv4", "mac", "public-ipv4", "iam/", "network/", "placement/", "tags/" })
                Assert.Contains(expected, entries);
        }

        [Theory]
        [InlineData("/latest/meta-data/no-such-thing")]
        [InlineData("/latest/meta-data/network/interfaces/macs/ff:ff:ff:ff:ff:ff/vpc-id")]
        [InlineData("/latest/nothing")]
        public async Task Unknown_paths_are_404(string path)
        {
            var token = await _sandbox.TokenAsync();
            Assert.Equal(404, (await _sandbox.GetMetadataAsync(path, token)).Status);
        }

        [Fact]
        public async Task Instance_without_public_ip_user_data_or_metadata_tags_answers_404_for_them()
        {
            _sandbox.Control.SetCurrentInstance(SampleInstances.DbId);
            var token = await _sandbox.TokenAsync();
            Assert.Equal(404, (await _sandbox.GetMetadataAsync("/latest/meta-data/public-ipv4", token)).Status);
            Assert.Equal(404, (await _sandbox.GetMetadataAsync("/latest/user-data", token)).Status);
            Assert.Equal(404, (await _sandbox.GetMetadataAsync("/latest/meta-data/tags/instance/", token)).Status);
            Assert.Equal(404, (await _sandbox.GetMetadataAsync("/latest/meta-data/tags/instance/Name", token)).Status);
            Assert.Equal(SampleInstances.DbId, (await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token)).Body);
        }

        [Fact]
        public async Task Role_credentials_are_temporary_and_map_to_the_instance_session()
        {
            var token = await _sandbox.TokenAsync();
            var (status, body) = await _sandbox.GetMetadataAsync("/latest/meta-data/iam/security-credentials/cdp-web-role", token);
            Assert.Equal(200, status);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Assert.Equal("Success", root.GetProperty("Code").GetString());
            Assert.Equal("AWS-HMAC", root.GetProperty("Type").GetString());
            var accessKey = root.GetProperty("AccessKeyId").GetString()!;
            Assert.StartsWith("ASIA", accessKey);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("SecretAccessKey").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Token").GetString()));
            var expiration = root.GetProperty("Expiration").GetString()!;
            Assert.EndsWith("Z", expiration);
            Assert.Equal(_sandbox.Clock!.UtcNow.AddHours(6), DateTime.Parse(expiration, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

            // The key is this instance's role session: STS says so.
            var (stsStatus, sts) = await _sandbox.PostQueryAsync("Action=GetCallerIdentity&Version=2011-06-15", accessKey, "sts");
            Assert.Equal(200, stsStatus);
            Assert.Contains($"<Arn>arn:aws:sts::123456789012:assumed-role/cdp-web-role/{SampleInstances.WebId}</Arn>", sts);

            // IMDS keeps serving the same key until it nears expiry.
            var (_, again) = await _sandbox.GetMetadataAsync("/latest/meta-data/iam/security-credentials/cdp-web-role", token);
            Assert.Contains(accessKey, again);
        }

        [Fact]
        public async Task Iam_info_names_the_instance_profile()
        {
            var token = await _sandbox.TokenAsync();
            var (_, body) = await _sandbox.GetMetadataAsync("/latest/meta-data/iam/info", token);
            using var json = JsonDocument.Parse(body);
            Assert.Equal("arn:aws:iam::123456789012:instance-profile/cdp-web-role", json.RootElement.GetProperty("InstanceProfileArn").GetString());
            Assert.Equal("Success", json.RootElement.GetProperty("Code").GetString());
        }

        [Fact]
        public async Task Identity_document_describes_the_instance()
        {
            _sandbox.Control.SetCurrentInstance(SampleInstances.DbId);
            var token = await _sandbox.TokenAsync();
            var (_, body) = await _sandbox.GetMetadataAsync("/latest/dynamic/instance-identity/document", token);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Assert.Equal("123456789012", root.GetProperty("accountId").GetString());
            Assert.Equal("arm64", root.GetProperty("architecture").GetString());
            Assert.Equal("ap-northeast-1c", root.GetProperty("availabilityZone").GetString());
            Assert.Equal("ami-0fedcba9876543210", root.GetProperty("imageId").GetString());
            Assert.Equal(SampleInstances.DbId, root.GetProperty("instanceId").GetString());
            Assert.Equal("r7g.large", root.GetProperty("instanceType").GetString());
            Assert.Equal("10.0.3.20", root.GetProperty("privateIp").GetString());
            Assert.Equal("ap-northeast-1", root.GetProperty("region").GetString());
            Assert.Equal("2017-09-30", root.GetProperty("version").GetString());
            Assert.EndsWith("Z", root.GetProperty("pendingTime").GetString());
        }

        [Fact]
        public async Task Metadata_requests_are_recorded_with_their_outcome()
        {
            await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token: null);
            var token = await _sandbox.TokenAsync();
            await _sandbox.GetMetadataAsync("/latest/meta-data/instance-id", token);
            var calls = _sandbox.Control.GetCalls().Where(c => c.Service == "imds").ToList();
            Assert.Equal(new[] { "Unauthorized", "Success", "Success" }, calls.Select(c => c.Outcome));
            Assert.Equal(new[] { "/latest/meta-data/instance-id", "/latest/api/token", "/latest/meta-data/instance-id" }, calls.Select(c => c.Action));
            Assert.Equal("ap-northeast-1", calls[2].Region);
        }
    }
}
