namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The report's whole style sheet, inlined in its &lt;style&gt; so the file opens offline. It must not contain
    /// '&lt;', '&gt;' or '&amp;': the XML serializer would encode them and a browser does not decode entities inside
    /// &lt;style&gt; (so no child combinators). System fonts only: no web font is fetched.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @"
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; margin: 24px; color: #111827; background: #ffffff; max-width: 1140px; }
h1 { font-size: 24px; margin: 0 0 4px 0; }
h2 { font-size: 20px; margin: 32px 0 8px 0; border-bottom: 1px solid #d1d5db; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 16px 0 6px 0; }
p.generated { color: #4b5563; margin: 0 0 16px 0; }
table { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 13px; }
th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.fault-header td { background: #f9fafb; font-weight: 600; }
.passed { color: #166534; font-weight: 600; }
.failed { color: #b91c1c; font-weight: 600; }
.reason { color: #7f1d1d; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 13px; margin: 8px 0; }
dl.facts dt { color: #4b5563; }
dl.facts dd { margin: 0; }
code { font-size: 12px; }
ul.calls { margin: 0; padding-left: 16px; }
svg.timeline { display: block; margin: 8px 0; }
svg text { font-family: inherit; font-size: 12px; fill: #111827; }
svg text.lane { fill: #4b5563; }
svg text.on-band { fill: #ffffff; font-weight: 600; }
.legend span.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; border: 1px solid #6b7280; }
";
    }
}
