using System;
using System.Globalization;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// How the reports write times: invariant culture everywhere, because the same file is read on machines in any
    /// locale (and JUnit parsers only accept a '.' decimal point).
    /// </summary>
    internal static class ReportFormat
    {
        /// <summary>What a table shows for a value that was not measured.</summary>
        public const string Missing = "—";

        /// <summary>Seconds as a reader compares them: milliseconds below 10 s, tenths below 1000 s.</summary>
        public static string Seconds(TimeSpan? value)
        {
            if (value == null) return Missing;
            var s = value.Value.TotalSeconds;
            var format = Math.Abs(s) < 10 ? "0.000" : Math.Abs(s) < 1000 ? "0.0" : "0";
            return s.ToString(format, CultureInfo.InvariantCulture) + " s";
        }

        /// <summary>A limit or an RPO, which can be hours: seconds up to two minutes, then minutes, then hours.</summary>
        public static string Duration(TimeSpan? value)
        {
            if (value == null) return Missing;
            var t = value.Value;
            if (Math.Abs(t.TotalSeconds) < 120) return Seconds(t);
            if (Math.Abs(t.TotalHours) < 2) return Number(t.TotalMinutes, "0.#") + " min";
            return Number(t.TotalHours, "0.#") + " h";
        }

        /// <summary>An offset from the fault, signed so that what happened before the fault stands out.</summary>
        public static string Offset(TimeSpan offset)
            => (offset < TimeSpan.Zero ? "-" : "+") + Number(Math.Abs(offset.TotalSeconds), "0.000") + " s";

        /// <summary>Seconds for a machine (JUnit time attributes, data- attributes): invariant, no unit.</summary>
        public static string MachineSeconds(TimeSpan value) => Number(value.TotalSeconds, "0.###");

        public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        public static string PassFail(bool passed) => passed ? "passed" : "FAILED";
    }
}
