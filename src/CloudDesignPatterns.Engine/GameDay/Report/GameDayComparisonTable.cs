using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;
using static CloudDesignPatterns.Engine.GameDay.Report.HtmlElements;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The mechanisms side by side for the same fault: one group of rows per fault (in the order the faults first
    /// appear), fastest median RTO first, with a bar proportional to the RTO within the group. This is where
    /// "route-table failover in seconds, DNS failover bounded below by TTL plus health-check detection" shows.
    /// </summary>
    internal static class GameDayComparisonTable
    {
        private const double BarWidth = 160;

        public static XElement Render(IReadOnlyList<GameDayResult> results)
        {
            var table = H("table", A("id", "comparison"), Class("comparison"),
                H("thead", H("tr", H("th", "Mechanism"), H("th", "Drill"), H("th", "Detection (median)"), H("th", "RTO median"),
                    H("th", "RTO min"), H("th", "RTO max"), H("th", "RPO"), H("th", "Result"), H("th", "RTO, to scale within the fault"))));
            // GroupBy keeps the order in which the keys first appear.
            foreach (var group in results.GroupBy(r => r.Fault, StringComparer.Ordinal))
            {
                var rows = group.OrderBy(r => r.RtoMedian == null ? 1 : 0).ThenBy(r => r.RtoMedian).ToList();
                var longest = rows.Select(r => (r.RtoMedian ?? GameDayOutage.Of(r).End).TotalSeconds).DefaultIfEmpty(0).Max();
                var body = H("tbody", Class("fault-group"), A("data-fault", group.Key),
                    H("tr", Class("fault-header"), H("td", A("colspan", 9), "Fault: " + group.Key)));
                foreach (var r in rows) body.Add(Row(r, longest));
                table.Add(body);
            }
            return table;
        }

        private static XElement Row(GameDayResult r, double longestSeconds)
            => H("tr", Class("comparison-row"), A("data-drill", r.Drill), A("data-mechanism", r.Mechanism),
                H("td", r.Mechanism),
                H("td", r.Drill),
                H("td", Class("number"), ReportFormat.Seconds(r.DetectionMedian)),
                H("td", Class("number", "rto-median"), r.RtoMedian == null ? "not recovered" : ReportFormat.Seconds(r.RtoMedian)),
                H("td", Class("number"), ReportFormat.Seconds(r.RtoMinimum)),
                H("td", Class("number"), ReportFormat.Seconds(r.RtoMaximum)),
                H("td", Class("number"), ReportFormat.Duration(r.Rpo)),
                H("td", Class(r.Passed ? "passed" : "failed"), ReportFormat.PassFail(r.Passed)),
                H("td", Bar(r, longestSeconds)));

        /// <summary>A never-recovered drill's bar runs to the end of what it watched, like its outage band.</summary>
        private static XElement Bar(GameDayResult r, double longestSeconds)
        {
            var seconds = (r.RtoMedian ?? GameDayOutage.Of(r).End).TotalSeconds;
            var width = longestSeconds > 0 ? Math.Max(1, BarWidth * seconds / longestSeconds) : 1;
            return Svg("svg", Class("rto-bar"), A("width", BarWidth), A("height", 10), A("aria-hidden", "true"),
                Svg("rect", A("x", 0), A("y", 0), A("width", ReportFormat.Number(width, "0.##")), A("height", 10), A("fill", ReportPalette.ComparisonBar)));
        }
    }
}
