using System;
using System.Linq;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Sandbox.Hosting;
using CloudDesignPatterns.Sandbox.Route53;
using CloudDesignPatterns.Tests.Core;

namespace CloudDesignPatterns.Tests.Route53
{
    /// <summary>The engine's Route 53 REST-XML client against the sandbox's Route 53 over loopback.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class Route53ClientSandboxTests : IClassFixture<SandboxHostFixture>, IDisposable
    {
        private readonly SandboxHost host;
        private readonly ResolverHarness h = new ResolverHarness();

        public Route53ClientSandboxTests(SandboxHostFixture fixture)
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            host = fixture.Host;
            host.Control.ClearFaults();
            host.Control.SetRoute53ChangeDelay(TimeSpan.Zero);
        }

        public void Dispose()
        {
            host.Control.ClearFaults();
            host.Control.SetRoute53ChangeDelay(TimeSpan.FromSeconds(1));
            h.Dispose();
        }

        private async Task<Route53Session> Session()
        {
            var context = await h.ResolveAsync(new ConnectionSettings
            {
                AccessKey = "AKIDROUTE53TESTS", SecretKey = "r53-secret", Region = "ap-northeast-1", EndpointUrl = host.Endpoint.ToString(),
            });
            return new Route53Session(context, h.Log, new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });
        }

        private static ResourceRecordSet Failover(string name, string side, string value, string? healthCheckId = null) => new ResourceRecordSet
        {
            Name = name, Type = "A", SetIdentifier = side.ToLowerInvariant(), Failover = side, TTL = 30, ResourceRecords = { value }, HealthCheckId = healthCheckId,
        };

        [Fact]
        public async Task A_failover_pair_with_a_health_check_is_written_listed_page_by_page_and_goes_in_sync()
        {
            var r53 = await Session();
            var name = $"app{Guid.NewGuid():N}".Substring(0, 12) + ".example.com.";
            var check = await r53.CallAsync("CreateHealthCheck", "test", false, (c, ct) => c.CreateHealthCheckAsync(Guid.NewGuid().ToString(),
                new HealthCheckConfig { Type = "HTTP", IPAddress = "10.0.1.10", Port = 80, ResourcePath = "/health", RequestInterval = 10, FailureThreshold = 2 }, ct), default);
            var change = await r53.CallAsync("ChangeResourceRecordSets", Route53Seed.PublicZoneId, false, (c, ct) => c.ChangeResourceRecordSetsAsync(new ChangeResourceRecordSetsRequest
            {
                HostedZoneId = "/hostedzone/" + Route53Seed.PublicZoneId,
                Changes =
                {
                    new Change("UPSERT", Failover(name, "PRIMARY", "10.0.1.10", check.Id)),
                    new Change("UPSERT", new ResourceRecordSet
                    {
                        Name = name, Type = "A", SetIdentifier = "secondary", Failover = "SECONDARY",
                        AliasTarget = new AliasTarget { HostedZoneId = Route53Seed.S3WebsiteZoneId, DNSName = "s3-website-ap-northeast-1.amazonaws.com." },
                    }),
                },
            }, ct), default);
            Assert.Equal("PENDING", change.Status);
            Assert.StartsWith("C", change.Id);

            var synced = await r53.CallAsync("GetChange", change.Id, true, (c, ct) => c.GetChangeAsync("/change/" + change.Id, ct), default);
            Assert.Equal("INSYNC", synced.Status);

            // One record a page: the client follows NextRecordName/Type/Identifier to the second side.
            var first = await r53.Client.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest { HostedZoneId = Route53Seed.PublicZoneId, StartRecordName = name, MaxItems = 1 }, default);
            Assert.True(first.IsTruncated);
            Assert.Equal("PRIMARY", first.ResourceRecordSets.Single().Failover);
            Assert.Equal(check.Id, first.ResourceRecordSets.Single().HealthCheckId);
            Assert.Equal("secondary", first.NextRecordIdentifier);

            var pair = await r53.ListRecordSetsAsync(Route53Seed.PublicZoneId, name, r => r.Name == name, default);
            Assert.Equal(new[] { "PRIMARY", "SECONDARY" }, pair.Select(r => r.Failover));
            Assert.Equal("s3-website-ap-northeast-1.amazonaws.com.", pair[1].AliasTarget!.DNSName);

            host.Control.SetHealthCheckStatus(check.Id, healthy: false);
            var observations = await r53.CallAsync("GetHealthCheckStatus", check.Id, true, (c, ct) => c.GetHealthCheckStatusAsync(check.Id, ct), default);
            Assert.All(observations, o => Assert.StartsWith("Failure", o.Status));

            // Signed for us-east-1 whatever the command's region is.
            var calls = host.Control.GetCalls().Where(c => c.Service == "route53" && c.AccessKeyId == "AKIDROUTE53TESTS").ToList();
            Assert.All(calls, c => Assert.Equal("us-east-1", c.Region));
            Assert.Contains(calls, c => c.Action == "ChangeResourceRecordSets" && c.Outcome == "Success");
        }

        [Fact]
        public async Task An_invalid_change_batch_becomes_an_invalid_argument_error_with_every_message()
        {
            var r53 = await Session();
            var error = await Assert.ThrowsAsync<PatternException>(() => r53.CallAsync("ChangeResourceRecordSets", Route53Seed.PublicZoneId, false,
                (c, ct) => c.ChangeResourceRecordSetsAsync(new ChangeResourceRecordSetsRequest
                {
                    HostedZoneId = Route53Seed.PublicZoneId,
                    Changes =
                    {
                        new Change("DELETE", new ResourceRecordSet { Name = "missing.example.com.", Type = "A", TTL = 60, ResourceRecords = { "10.0.0.1" } }),
                        new Change("CREATE", new ResourceRecordSet { Name = "www.other.org.", Type = "A", TTL = 60, ResourceRecords = { "10.0.0.1" } }),
                    },
                }, ct), default));
            Assert.Equal("InvalidChangeBatch", error.AwsErrorCode);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.Equal("AwsCallFailed.InvalidChangeBatch", error.ErrorId);
            Assert.Contains("but it was not found", error.Message);
            Assert.Contains("is not permitted in zone example.com.", error.Message);
            Assert.Equal(2, ((Route53ServiceException)error.InnerException!).Messages.Count);
        }

        [Fact]
        public async Task Unknown_zone_and_health_check_are_not_found_errors()
        {
            var r53 = await Session();
            var zone = await Assert.ThrowsAsync<PatternException>(() => r53.CallAsync("GetHostedZone", "ZNOPE", true, (c, ct) => c.GetHostedZoneAsync("ZNOPE", ct), default));
            Assert.Equal("NoSuchHostedZone", zone.AwsErrorCode);
            Assert.Equal(PatternErrorCategory.ObjectNotFound, zone.Category);
            var check = await Assert.ThrowsAsync<PatternException>(() => r53.CallAsync("GetHealthCheck", "nope", true, (c, ct) => c.GetHealthCheckAsync("nope", ct), default));
            Assert.Equal("NoSuchHealthCheck", check.AwsErrorCode);
        }

        [Fact]
        public async Task Throttling_and_server_errors_are_retried_by_the_runner()
        {
            var r53 = await Session();
            host.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 2, StatusCode = 503, Action = "ListHostedZonesByName" } });
            var zones = await r53.CallAsync("ListHostedZonesByName", "example.com", true,
                (c, ct) => c.ListHostedZonesByNameAsync(new ListHostedZonesByNameRequest { DNSName = "example.com" }, ct), default);
            Assert.Contains(zones.HostedZones, z => z.Id == Route53Seed.PublicZoneId && !z.PrivateZone);
            Assert.Contains(zones.HostedZones, z => z.Id == Route53Seed.PrivateZoneId && z.PrivateZone);
            Assert.Equal(2, r53.Runner.RetriedAttempts);

            var vpcs = await r53.CallAsync("GetHostedZone", Route53Seed.PrivateZoneId, true, (c, ct) => c.GetHostedZoneAsync(Route53Seed.PrivateZoneId, ct), default);
            Assert.Equal(Sandbox.Ec2.SandboxSeed.VpcId, vpcs.VPCs.Single().VPCId);
        }
    }
}
