using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Schedules.Expressions;

namespace CloudDesignPatterns.Engine.Schedules.Backends
{
    /// <summary>What a systemd timer's [Timer] section says for one schedule.</summary>
    public sealed class SystemdTimerSpec
    {
        /// <summary>OnCalendar= value (calendar-aligned schedules; these are the ones Persistent=true catches up).</summary>
        public string? OnCalendar { get; set; }
        /// <summary>For a rate no calendar expresses (rate(7 minutes)): OnBootSec= and OnUnitActiveSec= this span.</summary>
        public string? OnUnitActiveSec { get; set; }
    }

    /// <summary>
    /// AWS schedule → systemd timer. cron fields become an OnCalendar in UTC ("DOW YEAR-MONTH-DOM HH:MM:00 UTC", lists
    /// written out, day names for day-of-week); a rate that divides the hour or the day becomes a calendar step
    /// ("*-*-* *:00/15:00 UTC"), any other rate an OnUnitActiveSec interval.
    /// </summary>
    public static class SystemdCalendar
    {
        private static readonly string[] Days = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

        public static SystemdTimerSpec From(ScheduleExpression expression)
        {
            switch (expression)
            {
                case CronExpression cron:
                    var day = cron.DayOfWeek.IsEvery ? "" : string.Join(",", cron.DayOfWeek.Values.Select(d => Days[d - 1])) + " ";
                    return new SystemdTimerSpec
                    {
                        OnCalendar = $"{day}{List(cron.Year, 4)}-{List(cron.Month, 2)}-{List(cron.DayOfMonth, 2)} {List(cron.Hours, 2)}:{List(cron.Minutes, 2)}:00 UTC",
                    };
                case RateExpression rate:
                    if (rate.Unit == RateUnit.Minutes && 60 % rate.Value == 0)
                        return new SystemdTimerSpec { OnCalendar = rate.Value == 1 ? "*-*-* *:*:00 UTC" : $"*-*-* *:00/{rate.Value}:00 UTC" };
                    if (rate.Unit == RateUnit.Hours && 24 % rate.Value == 0)
                        return new SystemdTimerSpec { OnCalendar = rate.Value == 1 ? "*-*-* *:00:00 UTC" : $"*-*-* 00/{rate.Value}:00:00 UTC" };
                    if (rate.Unit == RateUnit.Days && rate.Value == 1)
                        return new SystemdTimerSpec { OnCalendar = "*-*-* 00:00:00 UTC" };
                    return new SystemdTimerSpec { OnUnitActiveSec = $"{(int)rate.Interval.TotalMinutes}min" };
                default:
                    throw new ArgumentException("Unknown schedule expression.", nameof(expression));
            }
        }

        private static string List(CronField field, int width)
            => field.IsEvery ? "*" : string.Join(",", field.Values.Select(v => v.ToString().PadLeft(width, '0')));
    }
}
