using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;
using static CloudDesignPatterns.Engine.GameDay.Report.HtmlElements;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>The report's first table: each drill passed or failed, and why it failed, linked to its section.</summary>
    internal static class GameDaySummaryTable
    {
        public static XElement Render(IReadOnlyList<GameDayResult> results)
            => H("table", A("id", "summary"), Class("summary"),
                H("thead", H("tr", H("th", "Drill"), H("th", "Mechanism"), H("th", "Fault"), H("th", "Result"), H("th", "RTO (median)"), H("th", "Reason"))),
                H("tbody", results.Select((r, i) => H("tr", Class("summary-row"), A("data-drill", r.Drill), A("data-passed", r.Passed ? "true" : "false"),
                    H("td", H("a", A("href", $"#drill-{i}"), r.Drill)),
                    H("td", r.Mechanism),
                    H("td", r.Fault),
                    H("td", Class(r.Passed ? "passed" : "failed"), ReportFormat.PassFail(r.Passed)),
                    H("td", Class("number"), r.RtoMedian == null ? "not recovered" : ReportFormat.Seconds(r.RtoMedian)),
                    H("td", Class("reason"), r.FailureReason ?? "")))));
    }
}
