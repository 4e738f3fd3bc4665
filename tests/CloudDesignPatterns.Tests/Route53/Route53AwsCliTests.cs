using System;
using System.IO;
using System.Text.Json;
using CloudDesignPatterns.Sandbox.Hosting;
using CloudDesignPatterns.Sandbox.Route53;
using CloudDesignPatterns.Tests.Core;

namespace CloudDesignPatterns.Tests.Route53
{
    /// <summary>
    /// The AWS CLI's route53 commands (botocore's REST-XML parser) against the sandbox on its one port. Like the EC2 CLI
    /// tests they need /usr/bin/aws (CI installs it) and fail without it.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class Route53AwsCliTests : IClassFixture<SandboxHostFixture>
    {
        private readonly SandboxHost host;

        public Route53AwsCliTests(SandboxHostFixture fixture) => host = fixture.Host;

        private (int Exit, string Out, string Err) Aws(params string[] args) => AwsCli.Run(host.Endpoint.ToString(), "ap-northeast-1", args);

        /// <summary>One test, few invocations: each CLI start costs seconds.</summary>
        [Fact]
        public void Cli_lists_zones_changes_records_reads_the_change_and_health_checks_and_parses_errors()
        {
            var zones = Aws("route53", "list-hosted-zones-by-name", "--dns-name", "example.com");
            Assert.True(zones.Exit == 0, zones.Err);
            var list = JsonDocument.Parse(zones.Out).RootElement.GetProperty("HostedZones");
            Assert.Equal("/hostedzone/" + Route53Seed.PublicZoneId, list[0].GetProperty("Id").GetString());

            var check = Aws("route53", "create-health-check", "--caller-reference", Guid.NewGuid().ToString(),
                "--health-check-config", "IPAddress=10.0.1.10,Port=80,Type=HTTP,ResourcePath=/,RequestInterval=10,FailureThreshold=2");
            Assert.True(check.Exit == 0, check.Err);
            var checkId = JsonDocument.Parse(check.Out).RootElement.GetProperty("HealthCheck").GetProperty("Id").GetString()!;

            var batch = "{\"Changes\":[{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{\"Name\":\"cli.example.com\",\"Type\":\"A\",\"SetIdentifier\":\"primary\"," +
                        "\"Failover\":\"PRIMARY\",\"TTL\":30,\"ResourceRecords\":[{\"Value\":\"10.0.1.10\"}],\"HealthCheckId\":\"" + checkId + "\"}}]}";
            var change = Aws("route53", "change-resource-record-sets", "--hosted-zone-id", Route53Seed.PublicZoneId, "--change-batch", batch);
            Assert.True(change.Exit == 0, change.Err);
            var changeId = JsonDocument.Parse(change.Out).RootElement.GetProperty("ChangeInfo").GetProperty("Id").GetString()!;

            var got = Aws("route53", "get-change", "--id", changeId);
            Assert.True(got.Exit == 0, got.Err);
            Assert.Contains(JsonDocument.Parse(got.Out).RootElement.GetProperty("ChangeInfo").GetProperty("Status").GetString(), new[] { "PENDING", "INSYNC" });

            var records = Aws("route53", "list-resource-record-sets", "--hosted-zone-id", Route53Seed.PublicZoneId, "--start-record-name", "cli.example.com", "--max-items", "1");
            Assert.True(records.Exit == 0, records.Err);
            var record = JsonDocument.Parse(records.Out).RootElement.GetProperty("ResourceRecordSets")[0];
            Assert.Equal("PRIMARY", record.GetProperty("Failover").GetString());

            var status = Aws("route53", "get-health-check-status", "--health-check-id", checkId);
            Assert.True(status.Exit == 0, status.Err);
            Assert.Equal(3, JsonDocument.Parse(status.Out).RootElement.GetProperty("HealthCheckObservations").GetArrayLength());

            var bad = Aws("route53", "change-resource-record-sets", "--hosted-zone-id", Route53Seed.PublicZoneId, "--change-batch",
                "{\"Changes\":[{\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"x.other.org\",\"Type\":\"A\",\"TTL\":30,\"ResourceRecords\":[{\"Value\":\"10.0.0.1\"}]}}]}");
            // Route 53 answers batch validation in its own <InvalidChangeBatch> shape, whose code botocore 2.9 leaves blank.
            Assert.NotEqual(0, bad.Exit);
            Assert.Contains("when calling the ChangeResourceRecordSets operation", bad.Err);

            var missing = Aws("route53", "get-hosted-zone", "--id", "ZNOSUCHZONE");
            Assert.NotEqual(0, missing.Exit);
            Assert.Contains("NoSuchHostedZone", missing.Err);
        }
    }
}
