using System.Collections.Generic;
using CloudDesignPatterns.Engine.Dns;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Tests.Dns
{
    public class DnsInputChecksTests
    {
        private static string IdOf(System.Action check) => Assert.Throws<PatternException>(check).ErrorId;

        [Theory]
        [InlineData(0L, true)]
        [InlineData(2147483647L, true)]
        [InlineData(-1L, false)]
        [InlineData(2147483648L, false)]
        public void Ttl_takes_route53s_range(long ttl, bool ok)
        {
            if (ok) DnsInputChecks.CheckTtl(ttl);
            else Assert.Equal("InvalidTtl", IdOf(() => DnsInputChecks.CheckTtl(ttl)));
        }

        [Theory]
        [InlineData("A", "198.51.100.10", true)]
        [InlineData("A", "2001:db8::1", false)]
        [InlineData("A", "web.example.com", false)]
        [InlineData("A", "10.1", false)]
        [InlineData("A", "0x7f.0.0.1", false)]
        [InlineData("A", "203.0.113.010", false)]
        [InlineData("AAAA", "2001:db8::1", true)]
        [InlineData("AAAA", "198.51.100.10", false)]
        [InlineData("CNAME", "web.example.net", true)]
        [InlineData("CNAME", "not a name", false)]
        public void A_value_must_suit_the_record_type(string type, string value, bool ok)
        {
            if (ok) DnsInputChecks.CheckValue(type, DnsTarget.Plain(value), "Primary");
            else Assert.Equal("InvalidRecordValue", IdOf(() => DnsInputChecks.CheckValue(type, DnsTarget.Plain(value), "Primary")));
        }

        [Fact]
        public void Names_are_normalised_and_checked()
        {
            Assert.Equal("app.example.com.", DnsInputChecks.CheckRecordName(" App.Example.COM "));
            Assert.Equal("InvalidRecordName", IdOf(() => DnsInputChecks.CheckRecordName("app..example.com")));
            Assert.Equal("RecordNameRequired", IdOf(() => DnsInputChecks.CheckRecordName(null)));
        }

        [Fact]
        public void A_name_must_lie_in_the_zone_and_a_cname_not_at_its_apex()
        {
            var zone = new HostedZone { Id = "Z1", Name = "example.com." };
            DnsInputChecks.CheckAgainstZone("example.com.", "A", zone);
            DnsInputChecks.CheckAgainstZone("app.example.com.", "CNAME", zone);
            Assert.Equal("RecordNotInZone", IdOf(() => DnsInputChecks.CheckAgainstZone("app.example.org.", "A", zone)));
            Assert.Equal("RecordNotInZone", IdOf(() => DnsInputChecks.CheckAgainstZone("badexample.com.", "A", zone)));
            Assert.Equal("CnameAtApex", IdOf(() => DnsInputChecks.CheckAgainstZone("example.com.", "CNAME", zone)));
        }

        [Theory]
        [InlineData("Type", "ICMP")]
        [InlineData("Address", "10.0.1.10")]
        [InlineData("Address", "100.64.0.1")]
        [InlineData("Address", "010.0.1.10")]
        [InlineData("Address", "0xcb.0.113.10")]
        [InlineData("Address", "::ffff:10.0.1.10")]
        [InlineData("Interval", "20")]
        [InlineData("Threshold", "11")]
        [InlineData("Path", "health")]
        [InlineData("Timeout", "5")]
        public void Health_check_settings_route53_cannot_take_are_refused(string key, string value)
        {
            var settings = new Dictionary<string, object?> { ["Address"] = "198.51.100.10" };
            settings[key] = value;
            var error = Assert.Throws<PatternException>(() => HealthCheckSpec.Check(settings));
            Assert.Equal("InvalidHealthCheck", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
        }

        [Fact]
        public void Health_check_defaults_follow_route53s()
        {
            var https = HealthCheckSpec.Parse(new Dictionary<string, object?> { ["Type"] = "https", ["Address"] = "status.example.com" });
            Assert.Equal(("HTTPS", 443, 30, 3, "/"), (https.Type, https.Port, https.RequestInterval, https.FailureThreshold, https.ResourcePath));
            Assert.Equal("status.example.com", https.FullyQualifiedDomainName);
            Assert.Equal(90, HealthCheckSpec.DetectionSeconds(https));
            var tcp = HealthCheckSpec.Parse(new Dictionary<string, object?> { ["Type"] = "TCP", ["Address"] = "198.51.100.10", ["Port"] = 5432 });
            Assert.Null(tcp.ResourcePath);
        }
    }
}
