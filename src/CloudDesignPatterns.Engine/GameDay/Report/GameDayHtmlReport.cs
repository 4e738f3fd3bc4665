using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;
using static CloudDesignPatterns.Engine.GameDay.Report.HtmlElements;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The GameDay report: one self-contained HTML file (inline style and SVG only; no script, no link, no image,
    /// no font, nothing fetched) that opens offline. A summary, the mechanisms compared by fault, then a section per
    /// drill with its timeline picture and tables. Every drill is drawn on one shared time axis (see TimelineScale).
    /// </summary>
    public static class GameDayHtmlReport
    {
        public static string Render(IReadOnlyList<GameDayResult> results, DateTime generatedUtc)
        {
            if (results == null) throw new ArgumentNullException(nameof(results));
            var scale = TimelineScale.For(results);
            var passed = results.Count(r => r.Passed);
            var html = H("html", A("lang", "en"),
                H("head",
                    H("meta", A("charset", "utf-8")),
                    H("meta", A("name", "viewport"), A("content", "width=device-width, initial-scale=1")),
                    H("title", "GameDay report"),
                    H("style", ReportStyle.Css)),
                H("body",
                    H("h1", "GameDay report"),
                    H("p", Class("generated"),
                        $"Generated {generatedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC · " +
                        $"{results.Count} drill{(results.Count == 1 ? "" : "s")}: {passed} passed, {results.Count - passed} failed"),
                    H("h2", "Summary"),
                    GameDaySummaryTable.Render(results),
                    H("h2", "Mechanisms compared, by fault"),
                    GameDayComparisonTable.Render(results),
                    Legend(scale),
                    results.Select((r, i) => GameDayDrillSection.Render(r, i, scale))));
            return "<!DOCTYPE html>\n" + html.ToString();
        }

        /// <summary>Writes the report as UTF-8 (no byte order mark), creating the folder when needed.</summary>
        public static void Write(IReadOnlyList<GameDayResult> results, string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A report path is required.", nameof(path));
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(path, Render(results, DateTime.UtcNow), new UTF8Encoding(false));
        }

        private static XElement Legend(TimelineScale scale)
        {
            XElement Swatch(string css, string name) => H("span", H("span", Class("swatch"), A("style", css)), name);
            return H("p", Class("legend"),
                $"Timelines below share one axis ({ReportFormat.Number(scale.PixelsPerSecond, "0.##")} px per second): an outage band's width is its RTO. ",
                Swatch($"background: {ReportPalette.OutageBand}", "outage"),
                Swatch($"background: {ReportPalette.Fault}", "fault"),
                Swatch($"background: {ReportPalette.Detection}", "detected"),
                Swatch($"background: {ReportPalette.RecoveryStep}", "recovery step"),
                Swatch($"background: repeating-linear-gradient(45deg, {ReportPalette.Modelled} 0 3px, {ReportPalette.ModelledStripe} 3px 5px)", "modelled delay"),
                Swatch($"background: {ReportPalette.Recovered}", "recovered"),
                Swatch($"background: {ReportPalette.FaultRemoved}", "fault removed"));
        }
    }
}
