using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The drills as JUnit XML for CI systems: one testsuite per drill, one testcase per expectation (a failure
    /// element carrying the reason when it did not hold). A drill with no expectations gets one testcase, "service
    /// recovered". A drill that failed although every expectation held (a fault not put back, say) gets one more
    /// failing testcase, "drill", so CI never shows green for a failed drill. Times are seconds, invariant culture.
    /// </summary>
    public static class GameDayJUnitReport
    {
        public const string NoExpectationsCase = "service recovered";
        public const string DrillCase = "drill";

        public static string Render(IReadOnlyList<GameDayResult> results)
        {
            if (results == null) throw new ArgumentNullException(nameof(results));
            var suites = results.Select(Suite).ToList();
            var root = new XElement("testsuites", new XAttribute("name", "GameDay"),
                new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
                new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
                new XAttribute("errors", 0),
                new XAttribute("time", ReportFormat.MachineSeconds(TimeSpan.FromTicks(results.Sum(r => TotalTime(r).Ticks)))),
                suites);
            return new XDeclaration("1.0", "utf-8", null) + Environment.NewLine + root;
        }

        public static void Write(IReadOnlyList<GameDayResult> results, string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A JUnit path is required.", nameof(path));
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(path, Render(results), new UTF8Encoding(false));
        }

        private static XElement Suite(GameDayResult r)
        {
            var cases = r.Expectations.Select(x => Case(r, x.Name, TestTime(x), x.Passed, x.Reason, Measured(x))).ToList();
            if (cases.Count == 0)
                cases.Add(Case(r, NoExpectationsCase, r.RtoMaximum ?? TimeSpan.Zero, r.Passed, r.FailureReason ?? "the drill failed",
                    r.RtoMaximum == null ? "the service did not come back" : $"recovered in {ReportFormat.Seconds(r.RtoMaximum)} (worst run)"));
            else if (!r.Passed && r.Expectations.All(x => x.Passed))
                cases.Add(Case(r, DrillCase, TimeSpan.Zero, false, r.FailureReason ?? "the drill failed", "every expectation held, but the drill failed"));

            var first = r.Runs.FirstOrDefault();
            return new XElement("testsuite",
                new XAttribute("name", r.Drill),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") != null)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                new XAttribute("time", ReportFormat.MachineSeconds(TotalTime(r))),
                first == null ? null : new XAttribute("timestamp", first.FaultInjectedUtc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement("properties",
                    Property("service", r.Service), Property("mechanism", r.Mechanism), Property("fault", r.Fault),
                    Property("recovery", r.Recovery), Property("target", r.Target), Property("runs", r.Runs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                cases);
        }

        private static XElement Case(GameDayResult r, string name, TimeSpan time, bool passed, string reason, string output)
            => new XElement("testcase",
                new XAttribute("name", name),
                new XAttribute("classname", "GameDay." + r.Drill),
                new XAttribute("time", ReportFormat.MachineSeconds(time)),
                passed ? null : new XElement("failure", new XAttribute("message", reason), new XAttribute("type", "GameDayExpectation"), reason),
                new XElement("system-out", output));

        /// <summary>
        /// A testcase's time is the measured duration only for the expectations that are durations of the drill (RTO,
        /// detection); an RPO is the age of a snapshot, hours perhaps, not time the test took.
        /// </summary>
        private static TimeSpan TestTime(GameDayExpectation x)
            => x.Measured != null && !string.Equals(x.Name, "Rpo", StringComparison.OrdinalIgnoreCase) ? x.Measured.Value : TimeSpan.Zero;

        private static string Measured(GameDayExpectation x)
            => $"{x.Name}: measured {(x.Measured == null ? "nothing" : ReportFormat.Duration(x.Measured))}, limit {ReportFormat.Duration(x.Limit)}";

        /// <summary>Every run's timeline, end to end: how long the drill itself took.</summary>
        private static TimeSpan TotalTime(GameDayResult r)
            => TimeSpan.FromTicks(r.Runs.Sum(run => run.Timeline.Select(e => e.Offset + e.Duration).DefaultIfEmpty(TimeSpan.Zero).Max().Ticks));

        private static XElement Property(string name, string value) => new XElement("property", new XAttribute("name", name), new XAttribute("value", value ?? ""));
    }
}
