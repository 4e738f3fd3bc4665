using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The one time axis every drill of a report is drawn on. All pictures share it on purpose: the same number of
    /// pixels is the same number of seconds in each, so a route-table failover's outage band is visibly a sliver
    /// beside a DNS failover's (the point of the comparison), and a band's width is proportional to its RTO.
    /// </summary>
    internal sealed class TimelineScale
    {
        /// <summary>Pixels left of the plot, for the lane names.</summary>
        public const double Left = 150;
        /// <summary>The plot's width in pixels; the SVG is drawn at a fixed size so a screenshot can measure it.</summary>
        public const double PlotWidth = 880;
        /// <summary>Room right of the plot for the last tick's label.</summary>
        public const double Right = 40;
        public const double SvgWidth = Left + PlotWidth + Right;

        public double StartSeconds { get; }
        public double EndSeconds { get; }
        public double TickSeconds { get; }

        private TimelineScale(double start, double end, double tick)
        {
            StartSeconds = start;
            EndSeconds = end;
            TickSeconds = tick;
        }

        /// <summary>From the earliest event of any drill (or the fault) to the latest end, rounded out to whole ticks.</summary>
        public static TimelineScale For(IReadOnlyList<GameDayResult> results)
        {
            var start = results.Select(r => GameDayOutage.TimelineStart(r).TotalSeconds).DefaultIfEmpty(0).Min();
            var end = results.Select(r => Math.Max(GameDayOutage.TimelineEnd(r).TotalSeconds, GameDayOutage.Of(r).End.TotalSeconds))
                .DefaultIfEmpty(0).Max();
            // A drill that took no time at all still gets a readable one-second axis.
            end = Math.Max(end, start + 1);
            var tick = NiceTick((end - start) / 10);
            return new TimelineScale(Math.Floor(start / tick) * tick, Math.Ceiling(end / tick) * tick, tick);
        }

        /// <summary>The x pixel of a moment, clamped to the plot (a bar never runs off the picture).</summary>
        public double X(TimeSpan offset) => X(offset.TotalSeconds);

        public double X(double seconds)
        {
            var fraction = (seconds - StartSeconds) / (EndSeconds - StartSeconds);
            return Left + PlotWidth * Math.Max(0, Math.Min(1, fraction));
        }

        public double PixelsPerSecond => PlotWidth / (EndSeconds - StartSeconds);

        public IEnumerable<double> Ticks()
        {
            var count = (int)Math.Round((EndSeconds - StartSeconds) / TickSeconds);
            for (var i = 0; i <= count; i++) yield return StartSeconds + i * TickSeconds;
        }

        /// <summary>1, 2 or 5 times a power of ten, at least the rough step: ticks people read without arithmetic.</summary>
        private static double NiceTick(double rough)
        {
            var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            foreach (var factor in new[] { 1.0, 2.0, 5.0 })
                if (factor * power >= rough) return factor * power;
            return 10 * power;
        }
    }
}
