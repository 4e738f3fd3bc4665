using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>Expectations checked per run, and runs summarized into one result (minimum, median, maximum RTO).</summary>
    public static class GameDayResults
    {
        public static GameDayExpectation[] Check(DrillExpectations expect, GameDayRun run)
        {
            var checks = new List<GameDayExpectation>();
            if (expect.Detection is TimeSpan detection) checks.Add(Check("Detection", detection, run.DetectionTime, "the outage was never detected"));
            if (expect.Rto is TimeSpan rto) checks.Add(Check("Rto", rto, run.Rto, "the service did not come back"));
            if (expect.Rpo is TimeSpan rpo) checks.Add(Check("Rpo", rpo, run.Rpo, "there was no completed snapshot set at the moment of the fault"));
            return checks.ToArray();
        }

        private static GameDayExpectation Check(string name, TimeSpan limit, TimeSpan? measured, string whyUnmeasured)
        {
            var passed = measured is TimeSpan m && m <= limit;
            return new GameDayExpectation
            {
                Name = name, Limit = limit, Measured = measured, Passed = passed,
                Reason = passed ? "" : measured == null ? $"{name}: {whyUnmeasured}"
                    : $"{name} {GameDayRunner.Seconds(measured.Value)} is over the limit of {GameDayRunner.Seconds(limit)}",
            };
        }

        public static GameDayResult Summarize(DrillDeclaration drill, string target, IReadOnlyList<GameDayRun> runs)
        {
            var rtos = runs.Where(r => r.Rto != null).Select(r => r.Rto!.Value).OrderBy(t => t).ToArray();
            var detections = runs.Where(r => r.DetectionTime != null).Select(r => r.DetectionTime!.Value).OrderBy(t => t).ToArray();
            var failed = runs.FirstOrDefault(r => !r.Passed);
            return new GameDayResult
            {
                Drill = drill.Name, Description = drill.Description, Service = drill.Service.Kind.ToString(), Mechanism = drill.Service.Mechanism,
                Fault = string.Join(", ", drill.Faults), Recovery = string.Join(", ", drill.Recovery), Target = target, SourcePath = drill.SourcePath,
                Runs = runs.ToArray(),
                RtoMinimum = rtos.Length > 0 ? rtos[0] : (TimeSpan?)null,
                RtoMedian = Median(rtos),
                RtoMaximum = rtos.Length > 0 ? rtos[rtos.Length - 1] : (TimeSpan?)null,
                DetectionMedian = Median(detections),
                Rpo = runs.Count > 0 ? runs[0].Rpo : null,
                Expectations = Combine(runs),
                Passed = runs.Count > 0 && failed == null,
                FailureReason = failed == null ? null : runs.Count > 1 ? $"run {failed.Number}: {failed.FailureReason}" : failed.FailureReason,
            };
        }

        /// <summary>An expectation holds only when it held in every run; its measured value is the worst run's.</summary>
        private static GameDayExpectation[] Combine(IReadOnlyList<GameDayRun> runs)
        {
            if (runs.Count == 0) return new GameDayExpectation[0];
            return runs[0].Expectations.Select(first =>
            {
                var same = runs.Select(r => r.Expectations.FirstOrDefault(x => x.Name == first.Name)).ToArray();
                var measured = same.Any(x => x?.Measured == null) ? (TimeSpan?)null : same.Max(x => x!.Measured!.Value);
                var failed = same.FirstOrDefault(x => x == null || !x.Passed);
                return new GameDayExpectation
                {
                    Name = first.Name, Limit = first.Limit, Measured = measured, Passed = failed == null,
                    Reason = failed?.Reason ?? (failed != null ? $"{first.Name}: a run was not measured" : ""),
                };
            }).ToArray();
        }

        private static TimeSpan? Median(TimeSpan[] sorted)
        {
            if (sorted.Length == 0) return null;
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
        }
    }
}
