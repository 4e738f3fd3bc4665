using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Engine.GameDay.Report;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Tests.GameDay
{
    public class GameDayJUnitReportTests
    {
        private static XDocument Junit(params GameDayResult[] results) => XDocument.Parse(GameDayJUnitReport.Render(results));

        [Fact]
        public void One_suite_per_drill_and_one_case_per_expectation()
        {
            var doc = Junit(GameDaySamples.All());
            var root = doc.Root!;
            Assert.Equal("testsuites", root.Name.LocalName);
            var suites = root.Elements("testsuite").ToList();
            Assert.Equal(new[] { "routing-ha", "dns-failover", "eip-broken" }, suites.Select(s => (string)s.Attribute("name")!));
            Assert.Equal(new[] { 2, 1, 1 }, suites.Select(s => s.Elements("testcase").Count()));
            Assert.Equal(new[] { 2, 1, 1 }, suites.Select(s => (int)s.Attribute("tests")!));
            Assert.Equal(4, (int)root.Attribute("tests")!);
            Assert.Equal(1, (int)root.Attribute("failures")!);
            Assert.Equal(new[] { "Rto", "Detection" }, suites[0].Elements("testcase").Select(c => (string)c.Attribute("name")!));
            Assert.Equal("GameDay.routing-ha", (string)suites[0].Element("testcase")!.Attribute("classname")!);
            Assert.Equal("Route-table failover", suites[0].Descendants("property").Single(p => (string)p.Attribute("name")! == "mechanism").Attribute("value")!.Value);
        }

        [Fact]
        public void A_drill_without_expectations_gets_a_service_recovered_case_that_fails_with_the_reason()
        {
            var suite = Junit(GameDaySamples.NeverRecovered()).Root!.Element("testsuite")!;
            var testcase = Assert.Single(suite.Elements("testcase"));
            Assert.Equal(GameDayJUnitReport.NoExpectationsCase, (string)testcase.Attribute("name")!);
            var failure = testcase.Element("failure")!;
            Assert.Equal("The service did not recover within 90 s", (string)failure.Attribute("message")!);
            Assert.Equal(1, (int)suite.Attribute("failures")!);
        }

        [Fact]
        public void A_failed_expectation_carries_its_reason_and_a_passed_one_has_no_failure()
        {
            var dns = GameDaySamples.Dns();
            dns.Expectations = new[]
            {
                new GameDayExpectation { Name = "Rto", Limit = TimeSpan.FromSeconds(30), Measured = TimeSpan.FromSeconds(70), Passed = false, Reason = "RTO 70 s is over the 30 s limit & <more>" },
                new GameDayExpectation { Name = "Detection", Limit = TimeSpan.FromSeconds(60), Measured = TimeSpan.FromSeconds(30), Passed = true },
            };
            dns.Passed = false;
            var cases = Junit(dns).Root!.Descendants("testcase").ToList();
            Assert.Equal("RTO 70 s is over the 30 s limit & <more>", (string)cases[0].Element("failure")!.Attribute("message")!);
            Assert.Null(cases[1].Element("failure"));
            Assert.Equal("70", (string)cases[0].Attribute("time")!);
        }

        [Fact]
        public void A_failed_drill_whose_expectations_all_held_still_fails_in_CI()
        {
            var routing = GameDaySamples.Routing();
            routing.Passed = false;
            routing.FailureReason = "The fault could not be put back: StartInstance answered 500";
            var suite = Junit(routing).Root!.Element("testsuite")!;
            Assert.Equal(3, (int)suite.Attribute("tests")!);
            var extra = suite.Elements("testcase").Last();
            Assert.Equal(GameDayJUnitReport.DrillCase, (string)extra.Attribute("name")!);
            Assert.Equal(routing.FailureReason, (string)extra.Element("failure")!.Attribute("message")!);
        }

        [Fact]
        public void Time_attributes_are_invariant_seconds()
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                var root = Junit(GameDaySamples.Routing()).Root!;
                var rto = root.Descendants("testcase").First();
                Assert.Equal("2.4", (string)rto.Attribute("time")!);
                // Three runs of 2.5, 2.3 and 2.9 s (each ends when the fault is put back).
                Assert.Equal("7.7", (string)root.Element("testsuite")!.Attribute("time")!);
                Assert.Equal("2026-12-07T09:00:00", (string)root.Element("testsuite")!.Attribute("timestamp")!);
            }
            finally { CultureInfo.CurrentCulture = saved; }
        }

        [Fact]
        public void Write_writes_the_file_that_Render_returns()
        {
            var path = Path.Combine(Path.GetTempPath(), "cdp-junit-" + Guid.NewGuid().ToString("n") + ".xml");
            try
            {
                GameDayJUnitReport.Write(GameDaySamples.All(), path);
                Assert.Equal(GameDayJUnitReport.Render(GameDaySamples.All()), File.ReadAllText(path));
                Assert.Equal(3, XDocument.Load(path).Root!.Elements("testsuite").Count());
            }
            finally { File.Delete(path); }
        }
    }
}
