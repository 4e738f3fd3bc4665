using System;
using System.Linq;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The outage of a drill's first run, as the picture draws it: from the fault (offset zero: the drill's clock
    /// starts at the first fault) to the probe's first "up", or, when the service never came back, to the end of
    /// what the drill watched (its last event), because the outage lasted at least that long.
    /// </summary>
    internal sealed class GameDayOutage
    {
        public TimeSpan End { get; }
        public bool Recovered { get; }

        private GameDayOutage(TimeSpan end, bool recovered)
        {
            End = end;
            Recovered = recovered;
        }

        public static GameDayOutage Of(GameDayResult result)
        {
            var timeline = result.Timeline;
            var recovered = timeline.FirstOrDefault(e => e.Kind == GameDayEventKind.Recovered);
            if (recovered != null) return new GameDayOutage(recovered.Offset, true);
            var rto = result.Runs.Length > 0 ? result.Runs[0].Rto : null;
            if (rto != null) return new GameDayOutage(rto.Value, true);
            return new GameDayOutage(TimelineEnd(result), false);
        }

        /// <summary>Where the last event (or span) of the first run ends; zero for an empty timeline.</summary>
        public static TimeSpan TimelineEnd(GameDayResult result)
            => result.Timeline.Select(e => e.Offset + (e.Duration > TimeSpan.Zero ? e.Duration : TimeSpan.Zero))
                .DefaultIfEmpty(TimeSpan.Zero).Max();

        /// <summary>Where the first event starts; never after the fault, so the fault is always on the axis.</summary>
        public static TimeSpan TimelineStart(GameDayResult result)
            => result.Timeline.Select(e => e.Offset).Where(o => o < TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Min();
    }
}
