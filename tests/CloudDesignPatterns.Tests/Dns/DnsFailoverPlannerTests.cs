using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Dns;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Tests.Dns
{
    public class DnsFailoverPlannerTests
    {
        private const string Name = "app.example.com.";
        private static readonly HostedZone Zone = new HostedZone { Id = "Z0CDP000000PUBLIC1", Name = "example.com." };

        private static DnsFailoverRequest Request(string? switchTo = null, long ttl = 60) => new DnsFailoverRequest
        {
            Zone = new HostedZoneSelector { Id = Zone.Id }, RecordName = Name, Type = "A",
            Primary = DnsTarget.Plain("198.51.100.10"), Secondary = DnsTarget.Plain("198.51.100.20"), Ttl = ttl, SwitchTo = switchTo,
        };

        private static ResourceRecordSet Record(string? failover, string value, string? setId = null, string? healthCheck = null) => new ResourceRecordSet
        {
            Name = Name, Type = "A", Failover = failover, SetIdentifier = setId ?? failover?.ToLowerInvariant(), TTL = 60,
            ResourceRecords = new List<string> { value }, HealthCheckId = healthCheck,
        };

        private static DnsFailoverPlan Plan(DnsFailoverRequest request, IEnumerable<ResourceRecordSet> existing, HealthCheck? check = null) =>
            DnsFailoverPlanner.Plan(request, new DnsFacts(Zone, new DnsRecords(Name, "A", existing), check));

        private static HealthCheckConfig Check(int interval = 30) =>
            HealthCheckSpec.Parse(new Dictionary<string, object?> { ["Address"] = "198.51.100.10", ["Path"] = "/health", ["Interval"] = interval });

        [Fact]
        public void A_new_pair_is_two_upserts_with_the_default_set_identifiers()
        {
            var plan = Plan(Request(), new ResourceRecordSet[0]);
            Assert.Empty(plan.Deletes);
            Assert.Equal(new[] { "primary", "secondary" }, plan.Upserts.Select(r => r.SetIdentifier));
            Assert.Equal(new[] { "PRIMARY", "SECONDARY" }, plan.Upserts.Select(r => r.Failover));
        }

        [Fact]
        public void A_pair_already_as_asked_plans_nothing_and_keeps_its_own_set_identifiers()
        {
            var plan = Plan(Request(), new[] { Record("PRIMARY", "198.51.100.10", "blue"), Record("SECONDARY", "198.51.100.20", "green") });
            Assert.False(plan.HasChanges);
            Assert.Equal(new[] { "blue", "green" }, plan.Desired.Select(r => r.SetIdentifier));
        }

        [Fact]
        public void A_simple_record_is_deleted_first_in_the_same_batch_as_the_pair()
        {
            var plan = Plan(Request(), new[] { Record(null, "192.0.2.1") });
            Assert.Equal(new[] { "DELETE", "UPSERT", "UPSERT" }, plan.Changes().Select(c => c.Action));
            Assert.Equal("192.0.2.1", plan.Changes()[0].ResourceRecordSet.ResourceRecords.Single());
        }

        [Fact]
        public void A_switch_over_a_pair_deletes_both_and_upserts_one_simple_record()
        {
            var plan = Plan(Request("Secondary"), new[] { Record("PRIMARY", "198.51.100.10"), Record("SECONDARY", "198.51.100.20") });
            Assert.Equal(new[] { "DELETE", "DELETE", "UPSERT" }, plan.Changes().Select(c => c.Action));
            var simple = plan.Upserts.Single();
            Assert.Null(simple.SetIdentifier);
            Assert.Equal("198.51.100.20", simple.ResourceRecords.Single());
        }

        [Fact]
        public void Records_of_another_routing_policy_are_refused()
        {
            var weighted = Record(null, "192.0.2.7", "blue");
            var error = Assert.Throws<PatternException>(() => Plan(Request(), new[] { weighted }));
            Assert.Equal("RecordInUse", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidOperation, error.Category);
        }

        [Fact]
        public void An_existing_health_check_with_the_same_settings_is_reused_and_another_one_is_created()
        {
            var existing = new HealthCheck { Id = "11111111-1111-1111-1111-111111111111", HealthCheckConfig = Check() };
            var records = new[] { Record("PRIMARY", "198.51.100.10", healthCheck: existing.Id), Record("SECONDARY", "198.51.100.20") };

            var same = Request(); same.HealthCheck = Check();
            var reused = Plan(same, records, existing);
            Assert.Null(reused.HealthCheckToCreate);
            Assert.False(reused.HasChanges);

            var faster = Request(); faster.HealthCheck = Check(interval: 10);
            var created = Plan(faster, records, existing);
            Assert.NotNull(created.HealthCheckToCreate);
            Assert.StartsWith("cdp-", created.CallerReference);
            Assert.True(created.CallerReference.Length <= 64);
            Assert.Equal(created.CallerReference, Plan(faster, records, existing).CallerReference);
            Assert.NotEqual(created.CallerReference, PlanWith(Check(interval: 30)).CallerReference);
        }

        private static DnsFailoverPlan PlanWith(HealthCheckConfig check)
        {
            var request = Request();
            request.HealthCheck = check;
            return Plan(request, new ResourceRecordSet[0]);
        }

        [Fact]
        public void Without_health_check_parameters_the_primary_keeps_the_check_it_has()
        {
            var existing = new HealthCheck { Id = "22222222-2222-2222-2222-222222222222", HealthCheckConfig = Check() };
            var plan = Plan(Request(), new[] { Record("PRIMARY", "198.51.100.10", healthCheck: existing.Id), Record("SECONDARY", "198.51.100.20") }, existing);
            Assert.False(plan.HasChanges);
            Assert.Equal(existing.Id, plan.Desired.First().HealthCheckId);
            Assert.DoesNotContain(plan.Warnings(), w => w.Contains("never fails over"));
        }

        [Fact]
        public void Warns_about_a_long_ttl_and_an_unguarded_pair()
        {
            var warnings = Plan(Request(ttl: 300), new ResourceRecordSet[0]).Warnings().ToList();
            Assert.Contains(warnings, w => w.StartsWith("TTL 300 s"));
            Assert.Contains(warnings, w => w.Contains("never fails over"));
            Assert.Empty(Plan(Request("Primary", ttl: 60), new ResourceRecordSet[0]).Warnings());
        }

        [Fact]
        public void Expected_failover_time_is_detection_plus_ttl_for_a_pair_and_the_ttl_for_a_switch()
        {
            var pair = Request(); pair.HealthCheck = Check(interval: 10);
            Assert.Equal(90, DnsFailoverResults.ExpectedFailoverTime(Plan(pair, new ResourceRecordSet[0])).TotalSeconds);
            Assert.Equal(60, DnsFailoverResults.ExpectedFailoverTime(Plan(Request("Secondary"), new ResourceRecordSet[0])).TotalSeconds);
        }

        [Fact]
        public void An_alias_secondary_has_no_ttl_and_a_cname_value_gets_its_trailing_dot()
        {
            var request = Request();
            request.Secondary = DnsTarget.Alias("Bucket.s3-website-ap-northeast-1.amazonaws.com", "Z2M4EHUR26P7ZW");
            var secondary = Plan(request, new ResourceRecordSet[0]).Desired[1];
            Assert.Null(secondary.TTL);
            Assert.Equal("bucket.s3-website-ap-northeast-1.amazonaws.com.", secondary.AliasTarget!.DNSName);

            var cname = new DnsFailoverRequest { Zone = request.Zone, RecordName = Name, Type = "CNAME", Primary = DnsTarget.Plain("web.example.net"),
                Secondary = DnsTarget.Plain("static.example.net"), SwitchTo = "Primary" };
            var record = DnsFailoverPlanner.Plan(cname, new DnsFacts(Zone, new DnsRecords(Name, "CNAME", new ResourceRecordSet[0]), null)).Desired.Single();
            Assert.Equal("web.example.net.", record.ResourceRecords.Single());
        }

        [Theory]
        [InlineData(DnsSideHealth.Healthy, DnsSideHealth.NotChecked, "PRIMARY")]
        [InlineData(DnsSideHealth.NotChecked, DnsSideHealth.Healthy, "PRIMARY")]
        [InlineData(DnsSideHealth.Unhealthy, DnsSideHealth.NotChecked, "SECONDARY")]
        [InlineData(DnsSideHealth.Unhealthy, DnsSideHealth.Healthy, "SECONDARY")]
        [InlineData(DnsSideHealth.Unhealthy, DnsSideHealth.Unhealthy, "PRIMARY")]
        public void Route53_answers_by_its_failover_rules(DnsSideHealth primary, DnsSideHealth secondary, string answering)
        {
            var answer = DnsFailoverStatusReader.Answer(new DnsFailoverSide { Role = "PRIMARY", Health = primary }, new DnsFailoverSide { Role = "SECONDARY", Health = secondary });
            Assert.Equal(answering, answer!.Role);
        }
    }
}
