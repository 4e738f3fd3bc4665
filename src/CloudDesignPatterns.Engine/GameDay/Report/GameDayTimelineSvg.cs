using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Model.GameDay;
using static CloudDesignPatterns.Engine.GameDay.Report.HtmlElements;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// One drill's first run as an inline SVG, Gantt style: a lane for the outage band, then one lane per event in
    /// timeline order (points as markers, recovery steps and modelled delays as bars), over the report's shared
    /// time axis. Classes and data- attributes are stable: the tests find the band, the steps and the markers by them.
    /// </summary>
    internal static class GameDayTimelineSvg
    {
        private const double Top = 8;
        private const double LaneHeight = 26;
        private const double BarHeight = 16;
        private const double BandHeight = 22;
        private const double AxisHeight = 30;
        /// <summary>A zero-length step still shows as a sliver.</summary>
        private const double MinimumBarWidth = 2;

        public static XElement Render(GameDayResult result, int index, TimelineScale scale)
        {
            var events = result.Timeline.OrderBy(e => e.Offset).ToList();
            var outage = GameDayOutage.Of(result);
            var lanes = 1 + events.Count;
            var plotBottom = Top + lanes * LaneHeight;
            var height = plotBottom + AxisHeight;
            var hatchId = $"hatch-{index}";

            var svg = Svg("svg",
                A("id", $"timeline-{index}"), Class("timeline"), A("data-drill", result.Drill),
                A("data-axis-start", ReportFormat.Number(scale.StartSeconds, "0.###")),
                A("data-axis-end", ReportFormat.Number(scale.EndSeconds, "0.###")),
                A("width", Px(TimelineScale.SvgWidth)), A("height", Px(height)),
                A("viewBox", $"0 0 {Px(TimelineScale.SvgWidth)} {Px(height)}"),
                A("role", "img"), A("aria-label", $"Timeline of {result.Drill}"),
                Svg("title", $"Timeline of {result.Drill}: outage {(outage.Recovered ? ReportFormat.Seconds(outage.End) : "not recovered")}"),
                Hatch(hatchId));

            // Drawn first, so the band and the bars lie on top of the grid and the guide lines.
            svg.Add(Grid(scale, plotBottom));
            svg.Add(GuideLine("fault-marker", ReportPalette.Fault, scale.X(0), plotBottom, dashed: false, width: 2));
            var detected = events.FirstOrDefault(e => e.Kind == GameDayEventKind.Detected);
            if (detected != null) svg.Add(GuideLine("detection-line", ReportPalette.Detection, scale.X(detected.Offset), plotBottom, dashed: true, width: 1));
            if (outage.Recovered) svg.Add(GuideLine("recovered-line", ReportPalette.Recovered, scale.X(outage.End), plotBottom, dashed: true, width: 1));

            svg.Add(OutageLane(result, index, outage, scale));
            for (var i = 0; i < events.Count; i++)
                svg.Add(EventLane(events[i], Top + (i + 1) * LaneHeight, scale, hatchId));
            svg.Add(Axis(scale, plotBottom));
            return svg;
        }

        private static XElement Hatch(string id) => Svg("defs",
            Svg("pattern", A("id", id), A("width", 6), A("height", 6), A("patternUnits", "userSpaceOnUse"), A("patternTransform", "rotate(45)"),
                Svg("rect", A("width", 6), A("height", 6), A("fill", ReportPalette.Modelled)),
                Svg("line", A("x1", 0), A("y1", 0), A("x2", 0), A("y2", 6), A("stroke", ReportPalette.ModelledStripe), A("stroke-width", 2))));

        private static IEnumerable<XElement> Grid(TimelineScale scale, double plotBottom)
            => scale.Ticks().Select(t => Svg("line", Class("grid"),
                A("x1", Px(scale.X(t))), A("y1", Px(Top)), A("x2", Px(scale.X(t))), A("y2", Px(plotBottom)),
                A("stroke", ReportPalette.Grid), A("stroke-width", 1)));

        private static XElement GuideLine(string cssClass, string colour, double x, double plotBottom, bool dashed, double width)
            => Svg("line", Class(cssClass), A("x1", Px(x)), A("y1", Px(Top)), A("x2", Px(x)), A("y2", Px(plotBottom)),
                A("stroke", colour), A("stroke-width", width), dashed ? A("stroke-dasharray", "4 3") : null);

        private static XElement OutageLane(GameDayResult result, int index, GameDayOutage outage, TimelineScale scale)
        {
            var x0 = scale.X(0);
            var x1 = Math.Max(scale.X(outage.End), x0 + 1);
            var y = Top + (LaneHeight - BandHeight) / 2;
            var label = outage.Recovered
                ? $"outage {ReportFormat.Seconds(outage.End)}"
                : $"not recovered: down for at least {ReportFormat.Seconds(outage.End)}";
            return Svg("g", Class("lane", "outage-lane"),
                LaneName("Outage", Top),
                Svg("rect", A("id", $"outage-band-{index}"), Class("outage-band"),
                    A("data-drill", result.Drill), A("data-seconds", ReportFormat.MachineSeconds(outage.End)),
                    A("data-recovered", outage.Recovered ? "true" : "false"),
                    A("x", Px(x0)), A("y", Px(y)), A("width", Px(x1 - x0)), A("height", Px(BandHeight)), A("fill", ReportPalette.OutageBand),
                    Svg("title", label)),
                Label(label, x0, x1, y + BandHeight / 2, onBandWhenWide: true));
        }

        private static XElement EventLane(GameDayEvent e, double laneTop, TimelineScale scale, string hatchId)
        {
            var middle = laneTop + LaneHeight / 2;
            var lane = Svg("g", Class("lane", "event", KindClass(e.Kind)), A("data-kind", e.Kind.ToString()), LaneName(LaneTitle(e.Kind), laneTop));
            var x = scale.X(e.Offset);
            switch (e.Kind)
            {
                case GameDayEventKind.RecoveryStep:
                case GameDayEventKind.Modelled:
                    var x1 = Math.Max(scale.X(e.Offset + e.Duration), x + MinimumBarWidth);
                    var fill = e.Kind == GameDayEventKind.Modelled ? $"url(#{hatchId})" : e.Succeeded ? ReportPalette.RecoveryStep : ReportPalette.FailedStep;
                    var text = BarText(e);
                    lane.Add(Svg("rect", Class(e.Kind == GameDayEventKind.Modelled ? "modelled-delay" : "recovery-step", e.Succeeded ? null : "failed-step"),
                        A("data-seconds", ReportFormat.MachineSeconds(e.Duration)), A("data-api-calls", e.ApiCalls.Length),
                        A("x", Px(x)), A("y", Px(middle - BarHeight / 2)), A("width", Px(x1 - x)), A("height", Px(BarHeight)), A("fill", fill),
                        e.Kind == GameDayEventKind.Modelled ? A("stroke", ReportPalette.ModelledStripe) : null,
                        Svg("title", text)));
                    lane.Add(Label(text, x, x1, middle, onBandWhenWide: false));
                    break;
                default:
                    lane.Add(Marker(e, x, middle));
                    lane.Add(Label(PointText(e), x - 6, x + 6, middle, onBandWhenWide: false));
                    break;
            }
            return lane;
        }

        private static XElement Marker(GameDayEvent e, double x, double y) => e.Kind switch
        {
            GameDayEventKind.Detected => Svg("circle", Class("detection-point"), A("cx", Px(x)), A("cy", Px(y)), A("r", 6), A("fill", ReportPalette.Detection)),
            GameDayEventKind.Recovered => Svg("circle", Class("recovered-point"), A("cx", Px(x)), A("cy", Px(y)), A("r", 6), A("fill", ReportPalette.Recovered)),
            GameDayEventKind.Failed => Svg("path", Class("failed-point"), A("d", $"M{Px(x - 5)} {Px(y - 5)} L{Px(x + 5)} {Px(y + 5)} M{Px(x - 5)} {Px(y + 5)} L{Px(x + 5)} {Px(y - 5)}"),
                A("stroke", ReportPalette.FailedStep), A("stroke-width", 3)),
            _ => Svg("path", Class(e.Kind == GameDayEventKind.FaultInjected ? "fault-point" : "fault-removed-point"),
                A("d", $"M{Px(x)} {Px(y - 7)} L{Px(x + 7)} {Px(y)} L{Px(x)} {Px(y + 7)} L{Px(x - 7)} {Px(y)} Z"),
                A("fill", e.Kind == GameDayEventKind.FaultInjected ? ReportPalette.Fault : ReportPalette.FaultRemoved)),
        };

        /// <summary>Right of the shape, unless that runs off the picture; then left of it, right-aligned.</summary>
        private static XElement Label(string text, double x0, double x1, double y, bool onBandWhenWide)
        {
            var roomRight = TimelineScale.SvgWidth - x1;
            var roughWidth = text.Length * 6.5;
            if (onBandWhenWide && x1 - x0 > roughWidth + 12)
                return Svg("text", Class("on-band"), A("x", Px(x0 + 6)), A("y", Px(y + 4)), text);
            if (roughWidth + 6 <= roomRight)
                return Svg("text", A("x", Px(x1 + 6)), A("y", Px(y + 4)), text);
            return Svg("text", A("x", Px(x0 - 6)), A("y", Px(y + 4)), A("text-anchor", "end"), text);
        }

        private static XElement LaneName(string name, double laneTop)
            => Svg("text", Class("lane"), A("x", 8), A("y", Px(laneTop + LaneHeight / 2 + 4)), name);

        private static XElement Axis(TimelineScale scale, double plotBottom)
        {
            var axis = Svg("g", Class("axis"),
                Svg("line", A("x1", Px(TimelineScale.Left)), A("y1", Px(plotBottom)), A("x2", Px(TimelineScale.Left + TimelineScale.PlotWidth)), A("y2", Px(plotBottom)),
                    A("stroke", ReportPalette.Axis), A("stroke-width", 1)),
                Svg("text", Class("lane"), A("x", 8), A("y", Px(plotBottom + 18)), "seconds from the fault"));
            foreach (var t in scale.Ticks())
            {
                var x = scale.X(t);
                axis.Add(Svg("line", A("x1", Px(x)), A("y1", Px(plotBottom)), A("x2", Px(x)), A("y2", Px(plotBottom + 5)), A("stroke", ReportPalette.Axis)));
                axis.Add(Svg("text", Class("tick"), A("x", Px(x)), A("y", Px(plotBottom + 18)), A("text-anchor", "middle"), ReportFormat.Number(t, "0.###")));
            }
            return axis;
        }

        private static string BarText(GameDayEvent e)
        {
            var text = $"{e.Description} ({ReportFormat.Seconds(e.Duration)}";
            if (e.Kind == GameDayEventKind.RecoveryStep) text += $", {e.ApiCalls.Length} API call{(e.ApiCalls.Length == 1 ? "" : "s")}";
            if (e.Kind == GameDayEventKind.Modelled) text += ", modelled";
            text += ")";
            return e.Succeeded ? text : $"{text} failed: {e.Error}";
        }

        private static string PointText(GameDayEvent e)
        {
            var text = $"{ReportFormat.Offset(e.Offset)} {e.Description}".TrimEnd();
            return e.Error != null ? $"{text}: {e.Error}" : text;
        }

        private static string LaneTitle(GameDayEventKind kind) => kind switch
        {
            GameDayEventKind.FaultInjected => "Fault",
            GameDayEventKind.Detected => "Detected",
            GameDayEventKind.RecoveryStep => "Recovery step",
            GameDayEventKind.Modelled => "Modelled delay",
            GameDayEventKind.Recovered => "Recovered",
            GameDayEventKind.FaultRemoved => "Fault removed",
            _ => "Failed",
        };

        /// <summary>"fault-injected", "recovery-step"...: the event kind as a CSS class.</summary>
        public static string KindClass(GameDayEventKind kind)
            => "kind-" + string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        /// <summary>Pixels with at most two decimals, invariant: the SVG reads the same in every locale.</summary>
        private static string Px(double value) => ReportFormat.Number(value, "0.##");
    }
}
