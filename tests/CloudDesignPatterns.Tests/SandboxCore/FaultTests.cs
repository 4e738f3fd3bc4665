using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    public sealed class FaultTests : IDisposable
    {
        private const string Stop = "Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0a1b2c3d4e5f60101";
        private const string Describe = "Action=DescribeInstances&Version=2016-11-15";
        private readonly SandboxHarness _sandbox = new SandboxHarness();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public async Task Throttling_allows_a_burst_then_refills_over_time()
        {
            _sandbox.Control.SetFaults(new FaultSettings { Throttle = new ThrottleFault { Burst = 3, RefillPerSecond = 2, Scope = ThrottleScope.All } });

            var burst = new List<int>();
            for (var i = 0; i < 4; i++) burst.Add((await _sandbox.PostQueryAsync(Describe)).Status);
            Assert.Equal(new[] { 200, 200, 200, 503 }, burst);

            var (_, body) = await _sandbox.PostQueryAsync(Describe);
            Assert.Contains("<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message>", body);

            _sandbox.Clock!.Advance(TimeSpan.FromMilliseconds(500)); // 2 per second → one token
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Describe)).Status);
            Assert.Equal(503, (await _sandbox.PostQueryAsync(Describe)).Status);

            Assert.Equal(3, _sandbox.Control.GetCalls().Count(c => c.Outcome == "RequestLimitExceeded"));
        }

        [Fact]
        public async Task Mutating_scope_throttles_only_changes()
        {
            _sandbox.Control.SetFaults(new FaultSettings { Throttle = new ThrottleFault { Burst = 1, RefillPerSecond = 0, Scope = ThrottleScope.Mutating } });
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Stop)).Status);
            Assert.Equal(503, (await _sandbox.PostQueryAsync(Stop)).Status);
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Describe)).Status);
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Describe)).Status);
        }

        [Fact]
        public async Task Server_errors_hit_the_next_n_matching_calls_only()
        {
            _sandbox.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 2, Action = "StopInstances", StatusCode = 503 } });

            Assert.Equal(200, (await _sandbox.PostQueryAsync(Describe)).Status);
            var (first, body) = await _sandbox.PostQueryAsync(Stop);
            Assert.Equal(503, first);
            Assert.Contains("<Code>Unavailable</Code>", body);
            Assert.Equal(1, _sandbox.Control.GetFaults().ServerErrors!.Count);
            Assert.Equal(503, (await _sandbox.PostQueryAsync(Stop)).Status);
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Stop)).Status);
            Assert.Equal(1, _sandbox.Ec2.ExecutedCount("StopInstances"));
        }

        [Fact]
        public async Task Internal_errors_are_500()
        {
            _sandbox.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 1 } });
            var (status, body) = await _sandbox.PostQueryAsync(Describe);
            Assert.Equal(500, status);
            Assert.Contains("<Code>InternalError</Code>", body);
            Assert.Equal("InternalError", _sandbox.Control.GetCalls().Single().Outcome);
        }

        [Fact]
        public async Task The_sdk_retries_through_a_transient_server_error()
        {
            _sandbox.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 1, StatusCode = 500 } });
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, maxErrorRetry: 2);
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });
            Assert.Equal(new[] { "InternalError", "Success" }, _sandbox.Control.GetCalls().Select(c => c.Outcome));
        }

        [Theory]
        [InlineData(DropMode.BeforeExecute, 0)]
        [InlineData(DropMode.AfterExecute, 1)]
        public async Task Dropped_connections_fail_the_call_and_executed_only_after(DropMode mode, int executed)
        {
            _sandbox.Control.SetFaults(new FaultSettings { Drops = new DropFault { Count = 1, Action = "StopInstances", Mode = mode } });
            await Assert.ThrowsAsync<HttpRequestException>(() => _sandbox.PostQueryAsync(Stop));
            Assert.Equal(executed, _sandbox.Ec2.ExecutedCount("StopInstances"));

            var call = _sandbox.Control.GetCalls().Single();
            Assert.Equal("Dropped", call.Outcome);
            Assert.Equal(0, call.HttpStatus);

            Assert.Equal(200, (await _sandbox.PostQueryAsync(Stop)).Status); // only the next one call was dropped
        }

        [Fact]
        public async Task The_sdk_sees_dropped_connections_as_a_failure()
        {
            // Many drops: the SDK retries a dropped connection (and HttpClient may resend on a pooled connection),
            // so a handful of drops is absorbed and the call succeeds.
            _sandbox.Control.SetFaults(new FaultSettings { Drops = new DropFault { Count = 100 } });
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, maxErrorRetry: 0);
            var failure = await Record.ExceptionAsync(() =>
                ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } }));
            Assert.NotNull(failure);
            Assert.All(_sandbox.Control.GetCalls(), c => Assert.Equal("Dropped", c.Outcome));
            Assert.Equal(0, _sandbox.Ec2.ExecutedCount("StopInstances"));
        }

        [Fact]
        public async Task A_drop_after_execute_makes_a_retrying_sdk_run_the_action_twice()
        {
            // The ambiguous failure this fault exists for: the change happened, the caller never heard, and retried.
            _sandbox.Control.SetFaults(new FaultSettings { Drops = new DropFault { Count = 1, Mode = DropMode.AfterExecute } });
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, maxErrorRetry: 2);
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });
            Assert.Equal(2, _sandbox.Ec2.ExecutedCount("StopInstances"));
            Assert.Equal(new[] { "Dropped", "Success" }, _sandbox.Control.GetCalls().Select(c => c.Outcome));
        }

        [Fact]
        public async Task Latency_is_added_before_answering()
        {
            _sandbox.Control.SetFaults(new FaultSettings { LatencyMs = 150 });
            await _sandbox.PostQueryAsync(Describe);
            Assert.True(_sandbox.Control.GetCalls().Single().DurationMs >= 140);
        }

        [Fact]
        public async Task Imds_outage_drops_connections_or_answers_503()
        {
            _sandbox.Control.SetFaults(new FaultSettings { ImdsDown = true });
            await Assert.ThrowsAsync<HttpRequestException>(() => _sandbox.TokenAsync());
            Assert.Equal("Dropped", _sandbox.Control.GetCalls().Last().Outcome);

            _sandbox.Control.SetFaults(new FaultSettings { ImdsDown = true, ImdsOutageMode = ImdsOutageMode.ServiceUnavailable });
            using (var request = new HttpRequestMessage(HttpMethod.Put, "/latest/api/token"))
            {
                request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
                using var response = await _sandbox.Http.SendAsync(request);
                Assert.Equal(503, (int)response.StatusCode);
            }

            // EC2 is untouched by an IMDS outage.
            Assert.Equal(200, (await _sandbox.PostQueryAsync(Describe)).Status);

            _sandbox.Control.ClearFaults();
            Assert.False(string.IsNullOrEmpty(await _sandbox.TokenAsync()));
        }

        [Fact]
        public async Task Sts_is_subject_to_faults_too()
        {
            _sandbox.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 1, Action = "GetCallerIdentity" } });
            var (status, body) = await _sandbox.PostQueryAsync("Action=GetCallerIdentity&Version=2011-06-15", service: "sts");
            Assert.Equal(500, status);
            Assert.Contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Receiver</Type><Code>InternalError</Code>", body);
        }
    }
}
