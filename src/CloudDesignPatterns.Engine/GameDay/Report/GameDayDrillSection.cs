using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;
using static CloudDesignPatterns.Engine.GameDay.Report.HtmlElements;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>One drill: what it was, its timeline picture, the RTO spread over -Repeat, the timeline and the expectations.</summary>
    internal static class GameDayDrillSection
    {
        public static XElement Render(GameDayResult r, int index, TimelineScale scale)
        {
            var section = H("section", A("id", $"drill-{index}"), Class("drill"), A("data-drill", r.Drill),
                H("h2", r.Drill, " ", H("span", Class(r.Passed ? "passed" : "failed"), ReportFormat.PassFail(r.Passed))),
                string.IsNullOrEmpty(r.Description) ? null : H("p", Class("description"), r.Description),
                Facts(r),
                r.FailureReason == null ? null : H("p", Class("reason", "failure-reason"), "Failed: " + r.FailureReason),
                GameDayTimelineSvg.Render(r, index, scale));
            if (r.Runs.Length > 1) section.Add(Runs(r));
            section.Add(H("h3", r.Runs.Length > 1 ? "Timeline (run 1)" : "Timeline"), Timeline(r.Timeline));
            section.Add(H("h3", "Expectations"), Expectations(r.Expectations));
            return section;
        }

        private static XElement Facts(GameDayResult r)
        {
            var facts = new List<(string, string?)>
            {
                ("Service", r.Service), ("Mechanism", r.Mechanism), ("Fault", r.Fault), ("Recovery", r.Recovery),
                ("Target", r.Target), ("Drill file", r.SourcePath), ("Runs", r.Runs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Detection (median)", ReportFormat.Seconds(r.DetectionMedian)), ("RPO", ReportFormat.Duration(r.Rpo)),
            };
            return H("dl", Class("facts"), facts.Where(f => !string.IsNullOrEmpty(f.Item2)).Select(f => new object[] { H("dt", f.Item1), H("dd", f.Item2) }));
        }

        private static IEnumerable<XElement> Runs(GameDayResult r) => new[]
        {
            H("p", Class("rto-spread"), A("data-rto-min", Machine(r.RtoMinimum)), A("data-rto-median", Machine(r.RtoMedian)), A("data-rto-max", Machine(r.RtoMaximum)),
                $"RTO over {r.Runs.Length} runs: minimum {ReportFormat.Seconds(r.RtoMinimum)}, median {ReportFormat.Seconds(r.RtoMedian)}, maximum {ReportFormat.Seconds(r.RtoMaximum)}"),
            H("table", Class("runs"),
                H("thead", H("tr", H("th", "Run"), H("th", "Fault injected (UTC)"), H("th", "Detection"), H("th", "RTO"), H("th", "RPO"), H("th", "Result"), H("th", "Reason"))),
                H("tbody", r.Runs.Select(run => H("tr", Class("run-row"),
                    H("td", Class("number"), run.Number),
                    H("td", run.FaultInjectedUtc.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)),
                    H("td", Class("number"), ReportFormat.Seconds(run.DetectionTime)),
                    H("td", Class("number"), run.Rto == null ? "not recovered" : ReportFormat.Seconds(run.Rto)),
                    H("td", Class("number"), ReportFormat.Duration(run.Rpo)),
                    H("td", Class(run.Passed ? "passed" : "failed"), ReportFormat.PassFail(run.Passed)),
                    H("td", Class("reason"), run.FailureReason ?? ""))))),
        };

        private static XElement Timeline(IEnumerable<GameDayEvent> events)
            => H("table", Class("timeline-table"),
                H("thead", H("tr", H("th", "Offset"), H("th", "Kind"), H("th", "Description"), H("th", "Duration"), H("th", "API calls"))),
                H("tbody", events.OrderBy(e => e.Offset).Select(e => H("tr", Class("timeline-row", GameDayTimelineSvg.KindClass(e.Kind), e.Succeeded ? null : "failed-step"),
                    H("td", Class("number"), ReportFormat.Offset(e.Offset)),
                    H("td", e.Kind.ToString()),
                    H("td", e.Description, e.Error == null ? null : H("div", Class("reason"), e.Error)),
                    H("td", Class("number"), e.Duration > System.TimeSpan.Zero ? ReportFormat.Seconds(e.Duration) : ""),
                    H("td", Class("api-calls"), A("data-count", e.ApiCalls.Length),
                        e.ApiCalls.Length == 0 ? "" : (object)new object[] { $"{e.ApiCalls.Length}: ", H("ul", Class("calls"), e.ApiCalls.Select(c => H("li", H("code", c)))) })))));

        private static XElement Expectations(IReadOnlyCollection<GameDayExpectation> expectations)
        {
            if (expectations.Count == 0) return H("p", Class("no-expectations"), "No expectations declared: the drill passes when the service recovers.");
            return H("table", Class("expectations"),
                H("thead", H("tr", H("th", "Expectation"), H("th", "Limit"), H("th", "Measured"), H("th", "Result"), H("th", "Reason"))),
                H("tbody", expectations.Select(x => H("tr", Class("expectation-row"), A("data-name", x.Name), A("data-passed", x.Passed ? "true" : "false"),
                    H("td", x.Name),
                    H("td", Class("number"), ReportFormat.Duration(x.Limit)),
                    H("td", Class("number"), x.Measured == null ? "not measured" : ReportFormat.Duration(x.Measured)),
                    H("td", Class(x.Passed ? "passed" : "failed"), ReportFormat.PassFail(x.Passed)),
                    H("td", Class("reason"), x.Reason)))));
        }

        private static string Machine(System.TimeSpan? value) => value == null ? "" : ReportFormat.MachineSeconds(value.Value);
    }
}
