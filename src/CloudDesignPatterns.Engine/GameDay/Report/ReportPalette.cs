namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The fixed colours of the timeline pictures. They are part of the report's contract: tests/GameDayReport.Tests.ps1
    /// finds the outage band in a Chromium screenshot by its exact colour, so the band is drawn solid (no opacity, no
    /// gradient) and no other large shape on the page uses OutageBand. docs/gameday-report.md has the same legend.
    /// </summary>
    internal static class ReportPalette
    {
        /// <summary>The outage band, fault to recovery: red, rgb(220, 38, 38).</summary>
        public const string OutageBand = "#dc2626";
        /// <summary>The fault marker, a vertical line at zero: near-black.</summary>
        public const string Fault = "#111827";
        /// <summary>The detection point and its guide line: amber.</summary>
        public const string Detection = "#d97706";
        /// <summary>A recovery step's bar: blue.</summary>
        public const string RecoveryStep = "#2563eb";
        /// <summary>A recovery step that failed: dark red, darker than the band so the two never mix.</summary>
        public const string FailedStep = "#7f1d1d";
        /// <summary>A modelled delay (Route 53's checkers, a TTL): light blue, hatched with ModelledStripe.</summary>
        public const string Modelled = "#bfdbfe";
        public const string ModelledStripe = "#3b82f6";
        /// <summary>The recovery point and its guide line: green.</summary>
        public const string Recovered = "#16a34a";
        /// <summary>The fault put back: grey.</summary>
        public const string FaultRemoved = "#6b7280";
        /// <summary>Grid lines and the axis.</summary>
        public const string Grid = "#e5e7eb";
        public const string Axis = "#374151";
        /// <summary>The comparison table's RTO bars: a pale red, so they read as "outage" but are not the band.</summary>
        public const string ComparisonBar = "#fca5a5";
    }
}
