using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CloudDesignPatterns.Engine.GameDay.Report;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Tests.GameDay
{
    public class GameDayHtmlReportTests
    {
        private static readonly DateTime Generated = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

        private static string Html(params GameDayResult[] results) => GameDayHtmlReport.Render(results, Generated);

        /// <summary>The report is well-formed XML by construction, so it is read back as such (the doctype has no DTD).</summary>
        private static XDocument Parse(string html)
        {
            using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            return XDocument.Load(reader);
        }

        private static XElement ById(XDocument doc, string id) => doc.Descendants().Single(e => (string?)e.Attribute("id") == id);

        private static bool HasClass(XElement e, string name) => ((string?)e.Attribute("class") ?? "").Split(' ').Contains(name);

        private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

        [Fact]
        public void The_report_references_nothing_outside_itself()
        {
            var html = Html(GameDaySamples.All().Append(GameDaySamples.Hostile()).ToArray());
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html);
            var doc = Parse(html);
            // Only in-page links (#drill-0) and in-page paint servers (url(#hatch-1)) are allowed; the hostile
            // sample's "src=http://..." is text, which the parse tells apart from an attribute.
            var references = doc.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href" or "style" or "fill").ToList();
            Assert.Contains(references, a => a.Name == "href");
            Assert.All(references.Where(a => a.Name.LocalName is "src" or "href"), a => Assert.StartsWith("#", a.Value));
            Assert.All(references, a => Assert.Empty(Regex.Matches(a.Value, @"url\((?!#)", RegexOptions.IgnoreCase)));
            Assert.Single(doc.Descendants("style"));
            Assert.Equal(4, doc.Descendants("svg").Count(s => HasClass(s, "timeline")));
        }

        [Fact]
        public void Markup_in_drill_names_descriptions_and_errors_is_shown_as_text()
        {
            var hostile = GameDaySamples.Hostile();
            var html = Html(hostile);
            Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"friends\"", html);
            Assert.Contains("&lt;img src=http://evil.example/x.png&gt; &amp; co", html);
            Assert.Contains("&lt;iframe src=\"http://evil.example\"&gt;", html);
            // In attributes the quotes are encoded too, so a name cannot close its data-drill attribute.
            Assert.Contains("data-drill=\"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;friends&quot;\"", html);
            var doc = Parse(html);
            Assert.Equal(hostile.Drill, (string)ById(doc, "timeline-0").Attribute("data-drill")!);
            Assert.Equal(hostile.Description, doc.Descendants("p").Single(p => HasClass(p, "description")).Value);
        }

        [Fact]
        public void The_style_sheet_survives_serialization_verbatim()
        {
            // A browser does not decode entities in <style>: had the CSS a '>' or '&', the serializer would break it.
            var doc = Parse(Html(GameDaySamples.Routing()));
            Assert.Equal(ReportStyle.Css, doc.Descendants("style").Single().Value);
            Assert.DoesNotContain("&", Html(GameDaySamples.Routing()).Split("<style>")[1].Split("</style>")[0]);
        }

        [Fact]
        public void Outage_bands_share_one_axis_so_their_widths_are_in_the_ratio_of_the_RTOs()
        {
            var doc = Parse(Html(GameDaySamples.Routing(), GameDaySamples.Dns()));
            var routing = ById(doc, "outage-band-0");
            var dns = ById(doc, "outage-band-1");
            Assert.True(HasClass(routing, "outage-band"));
            Assert.Equal(ReportPalette.OutageBand, (string)dns.Attribute("fill")!);
            // Both start at the fault, at the same x.
            Assert.Equal(Number(routing, "x"), Number(dns, "x"));
            Assert.Equal(70.0 / 2.0, Number(dns, "width") / Number(routing, "width"), 1);
            Assert.Equal(ById(doc, "timeline-0").Attribute("data-axis-end")!.Value, ById(doc, "timeline-1").Attribute("data-axis-end")!.Value);
            // 70 s rounds out to an 80 s axis of 10 s ticks: 880 px * 70 / 80.
            Assert.Equal("80", ById(doc, "timeline-1").Attribute("data-axis-end")!.Value);
            Assert.Equal(880 * 70.0 / 80, Number(dns, "width"), 1);
        }

        [Fact]
        public void A_drill_that_never_recovered_is_down_to_the_end_of_its_timeline()
        {
            var doc = Parse(Html(GameDaySamples.Routing(), GameDaySamples.NeverRecovered()));
            var band = ById(doc, "outage-band-1");
            Assert.Equal("false", (string)band.Attribute("data-recovered")!);
            Assert.Equal("90", (string)band.Attribute("data-seconds")!);
            // 90 s on a 90 s axis: the whole plot.
            Assert.Equal(880, Number(band, "width"), 1);
            Assert.Contains("not recovered", ById(doc, "timeline-1").Value);
            Assert.DoesNotContain(ById(doc, "timeline-1").Descendants(), e => HasClass(e, "recovered-line"));
            Assert.Single(ById(doc, "timeline-0").Descendants(), e => HasClass(e, "recovered-line"));
        }

        [Fact]
        public void Steps_are_bars_with_their_API_call_count_and_modelled_delays_are_hatched()
        {
            var doc = Parse(Html(GameDaySamples.Routing(), GameDaySamples.Dns()));
            var dns = ById(doc, "timeline-1");
            var modelled = dns.Descendants("rect").Where(e => HasClass(e, "modelled-delay")).ToList();
            Assert.Equal(2, modelled.Count);
            Assert.All(modelled, m => Assert.Equal("url(#hatch-1)", (string)m.Attribute("fill")!));
            Assert.Single(dns.Descendants("pattern"), p => (string?)p.Attribute("id") == "hatch-1");
            var step = Assert.Single(ById(doc, "timeline-0").Descendants("rect"), e => HasClass(e, "recovery-step"));
            Assert.Equal("3", (string)step.Attribute("data-api-calls")!);
            Assert.Contains("Set-RoutingFailover -Target web2 (1.300 s, 3 API calls)", ById(doc, "timeline-0").Value);
            Assert.Single(dns.Descendants("circle"), e => HasClass(e, "detection-point"));
            Assert.Single(dns.Descendants("line"), e => HasClass(e, "fault-marker"));
        }

        [Fact]
        public void A_failed_step_is_drawn_apart_and_its_error_is_in_the_timeline_table()
        {
            var doc = Parse(Html(GameDaySamples.NeverRecovered()));
            var step = Assert.Single(doc.Descendants("rect"), e => HasClass(e, "recovery-step"));
            Assert.True(HasClass(step, "failed-step"));
            Assert.Equal(ReportPalette.FailedStep, (string)step.Attribute("fill")!);
            var row = doc.Descendants("tr").Single(r => HasClass(r, "kind-recovery-step") && HasClass(r, "failed-step"));
            Assert.Contains("ec2:AssociateAddress answered 503 Service Unavailable", row.Value);
            Assert.Equal("1", (string)row.Elements("td").Last().Attribute("data-count")!);
            Assert.Contains("No expectations declared", doc.Root!.Value);
        }

        [Fact]
        public void The_summary_gives_each_drill_its_result_and_failure_reason()
        {
            var doc = Parse(Html(GameDaySamples.All()));
            var rows = ById(doc, "summary").Descendants("tr").Where(r => HasClass(r, "summary-row")).ToList();
            Assert.Equal(new[] { "routing-ha", "dns-failover", "eip-broken" }, rows.Select(r => (string)r.Attribute("data-drill")!));
            Assert.Equal(new[] { "true", "true", "false" }, rows.Select(r => (string)r.Attribute("data-passed")!));
            Assert.Equal("The service did not recover within 90 s", rows[2].Elements("td").Last().Value);
            Assert.Equal("not recovered", rows[2].Elements("td").ElementAt(4).Value);
            Assert.Contains("3 drills: 2 passed, 1 failed", doc.Root!.Value);
        }

        [Fact]
        public void The_comparison_groups_drills_by_fault_fastest_first()
        {
            var other = GameDaySamples.Routing();
            other.Drill = "az-loss";
            other.Fault = "AzLoss ap-northeast-1a";
            // Given slowest first: the table must still put the route-table failover first.
            var doc = Parse(Html(GameDaySamples.NeverRecovered(), GameDaySamples.Dns(), other, GameDaySamples.Routing()));
            var groups = ById(doc, "comparison").Elements("tbody").ToList();
            Assert.Equal(new[] { GameDaySamples.StopPrimary, "AzLoss ap-northeast-1a" }, groups.Select(g => (string)g.Attribute("data-fault")!));
            var rows = groups[0].Elements("tr").Where(r => HasClass(r, "comparison-row")).ToList();
            Assert.Equal(new[] { "Route-table failover", "Route 53 DNS failover", "Elastic IP move" }, rows.Select(r => (string)r.Attribute("data-mechanism")!));
            var cells = rows.Select(r => r.Elements("td").Select(td => td.Value).ToArray()).ToList();
            // Mechanism, drill, detection, RTO median/min/max, RPO, result.
            Assert.Equal(new[] { "Route-table failover", "routing-ha", "0.500 s", "2.000 s", "1.800 s", "2.400 s", "—", "passed" }, cells[0].Take(8));
            Assert.Equal(new[] { "Route 53 DNS failover", "dns-failover", "30.0 s", "70.0 s", "70.0 s", "70.0 s", "—", "passed" }, cells[1].Take(8));
            Assert.Equal("not recovered", cells[2][3]);
            Assert.Equal("FAILED", cells[2][7]);
            Assert.Single(groups[1].Elements("tr"), r => HasClass(r, "comparison-row"));
        }

        [Fact]
        public void Repeated_runs_show_minimum_median_and_maximum_RTO()
        {
            var doc = Parse(Html(GameDaySamples.Routing(), GameDaySamples.Dns()));
            var spread = Assert.Single(doc.Descendants("p"), p => HasClass(p, "rto-spread"));
            Assert.Equal("RTO over 3 runs: minimum 1.800 s, median 2.000 s, maximum 2.400 s", spread.Value);
            Assert.Equal(3, doc.Descendants("tr").Count(r => HasClass(r, "run-row")));
            var expectations = ById(doc, "drill-0").Descendants("tr").Where(r => HasClass(r, "expectation-row")).ToList();
            Assert.Equal(new[] { "Rto", "10.0 s", "2.400 s", "passed" }, expectations[0].Elements("td").Take(4).Select(td => td.Value));
        }

        [Fact]
        public void Times_are_written_the_same_in_every_culture()
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                var german = Html(GameDaySamples.All());
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                Assert.Equal(Html(GameDaySamples.All()), german);
                Assert.Contains("2.000 s", german);
            }
            finally { CultureInfo.CurrentCulture = saved; }
        }

        [Fact]
        public void Write_creates_the_folder_and_writes_UTF8_without_a_byte_order_mark()
        {
            var folder = Path.Combine(Path.GetTempPath(), "cdp-report-" + Guid.NewGuid().ToString("n"));
            try
            {
                var path = Path.Combine(folder, "sub", "report.html");
                GameDayHtmlReport.Write(new[] { GameDaySamples.Dns() }, path);
                var bytes = File.ReadAllBytes(path);
                Assert.Equal((byte)'<', bytes[0]);
                Assert.Contains("Route 53 DNS failover", System.Text.Encoding.UTF8.GetString(bytes));
            }
            finally { if (Directory.Exists(folder)) Directory.Delete(folder, true); }
        }
    }
}
