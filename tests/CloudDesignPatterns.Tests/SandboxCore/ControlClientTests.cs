using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    public sealed class ControlClientTests : IDisposable
    {
        private readonly SandboxHarness _sandbox = new SandboxHarness();
        private readonly SandboxControlClient _client;

        public ControlClientTests() => _client = new SandboxControlClient(_sandbox.Server.Endpoint);

        public void Dispose()
        {
            _client.Dispose();
            _sandbox.Dispose();
        }

        [Fact]
        public void Current_instance_round_trips_and_unknown_ids_are_rejected()
        {
            Assert.Equal(SampleInstances.WebId, _client.CurrentInstanceId);
            _client.SetCurrentInstance(SampleInstances.DbId);
            Assert.Equal(SampleInstances.DbId, _sandbox.Control.CurrentInstanceId);
            Assert.Equal(SampleInstances.DbId, _client.CurrentInstanceId);

            var error = Assert.Throws<ArgumentException>(() => _client.SetCurrentInstance("i-0000000000000dead"));
            Assert.Contains("i-0000000000000dead", error.Message);
            Assert.Throws<ArgumentException>(() => _sandbox.Control.SetCurrentInstance("i-0000000000000dead"));
            Assert.Equal(SampleInstances.DbId, _client.CurrentInstanceId);
        }

        [Fact]
        public void Faults_round_trip_with_their_enums_and_clear()
        {
            _client.SetFaults(new FaultSettings
            {
                Throttle = new ThrottleFault { Burst = 5, RefillPerSecond = 0.5, Scope = ThrottleScope.Mutating },
                ServerErrors = new ServerErrorFault { Count = 3, Action = "CreateSnapshots", StatusCode = 503 },
                Drops = new DropFault { Count = 2, Mode = DropMode.AfterExecute },
                LatencyMs = 25,
                ImdsDown = true,
                ImdsOutageMode = ImdsOutageMode.ServiceUnavailable,
            });

            var inProcess = _sandbox.Control.GetFaults();
            Assert.Equal(ThrottleScope.Mutating, inProcess.Throttle!.Scope);
            Assert.Equal(0.5, inProcess.Throttle.RefillPerSecond);
            Assert.Equal("CreateSnapshots", inProcess.ServerErrors!.Action);
            Assert.Equal(DropMode.AfterExecute, inProcess.Drops!.Mode);

            var remote = _client.GetFaults();
            Assert.Equal(5, remote.Throttle!.Burst);
            Assert.Equal(3, remote.ServerErrors!.Count);
            Assert.Equal(503, remote.ServerErrors.StatusCode);
            Assert.Equal(2, remote.Drops!.Count);
            Assert.Equal(25, remote.LatencyMs);
            Assert.True(remote.ImdsDown);
            Assert.Equal(ImdsOutageMode.ServiceUnavailable, remote.ImdsOutageMode);

            _client.ClearFaults();
            var cleared = _client.GetFaults();
            Assert.Null(cleared.Throttle);
            Assert.False(cleared.ImdsDown);
        }

        [Fact]
        public async Task Calls_are_listed_after_a_sequence_and_cleared_and_control_calls_are_not_recorded()
        {
            await _sandbox.PostQueryAsync("Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3ARole&Filter.1.Value.1=db");
            await _sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0a1b2c3d4e5f60101");
            _ = _client.GetFaults();

            var all = _client.GetCalls();
            Assert.Equal(new[] { "DescribeInstances", "StopInstances" }, all.Select(c => c.Action));
            Assert.Equal("tag:Role", all[0].Parameters["Filter.1.Name"]);
            Assert.Equal(DateTimeKind.Utc, all[0].Time.ToUniversalTime().Kind);
            Assert.Equal(_sandbox.Clock!.UtcNow, all[0].Time.ToUniversalTime());

            var after = _client.GetCalls(all[0].Sequence);
            Assert.Equal("StopInstances", Assert.Single(after).Action);

            _client.ClearCalls();
            Assert.Empty(_client.GetCalls());
            await _sandbox.PostQueryAsync("Action=DescribeInstances&Version=2016-11-15");
            Assert.Equal(3, Assert.Single(_client.GetCalls()).Sequence); // numbering continues after a clear
        }

        [Fact]
        public async Task Principals_and_role_policies_are_set_remotely()
        {
            var decider = new ActionListDecider();
            using var sandbox = new SandboxHarness(decider: decider);
            using var client = new SandboxControlClient(sandbox.Server.Endpoint);

            client.AddPrincipal("AKIAREMOTE", "s3cret", "arn:aws:iam::123456789012:user/remote", new[] { "{\"Action\":\"ec2:DescribeInstances\"}" });
            Assert.Equal(200, (await sandbox.PostQueryAsync("Action=DescribeInstances&Version=2016-11-15", "AKIAREMOTE")).Status);
            Assert.Equal(403, (await sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15", "AKIAREMOTE")).Status);

            Assert.True(client.RemovePrincipal("AKIAREMOTE"));
            Assert.False(client.RemovePrincipal("AKIAREMOTE"));
            Assert.Equal(200, (await sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15", "AKIAREMOTE")).Status);

            client.SetRolePolicies("cdp-web-role", new[] { "{\"Action\":\"ec2:DescribeInstances\"}" });
            var token = await sandbox.TokenAsync();
            var (_, json) = await sandbox.GetMetadataAsync("/latest/meta-data/iam/security-credentials/cdp-web-role", token);
            var key = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("AccessKeyId").GetString()!;
            Assert.Equal(403, (await sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15", key)).Status);

            Assert.Throws<ArgumentException>(() => client.AddPrincipal("AKIABAD", null, "not-an-arn", Array.Empty<string>()));
        }

        [Fact]
        public async Task Health_answers_and_unknown_control_paths_are_404()
        {
            Assert.True(_client.IsHealthy());
            using var response = await _sandbox.Http.GetAsync("/_sandbox/nope");
            Assert.Equal(404, (int)response.StatusCode);
            using var health = await _sandbox.Http.GetAsync("/_sandbox/health");
            Assert.Contains("\"status\":\"ok\"", await health.Content.ReadAsStringAsync());
        }

        [Fact]
        public void A_stopped_sandbox_is_not_healthy()
        {
            var endpoint = _sandbox.Server.Endpoint;
            _sandbox.Dispose();
            using var client = new SandboxControlClient(endpoint);
            Assert.False(client.IsHealthy());
        }
    }
}
