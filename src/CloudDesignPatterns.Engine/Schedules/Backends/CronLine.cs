using System;
using System.Linq;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Backends
{
    /// <summary>
    /// AWS schedule → the five time fields of a cron line ("M H DOM MON DOW"). Day-of-week moves from AWS's 1-7 (Sunday 1)
    /// to cron's 0-6 (Sunday 0); '?' becomes '*'. cron has no year field: a year other than '*', or a rate that does not
    /// divide the hour or the day, is refused. The fields are UTC times: the cron file sets CRON_TZ=UTC.
    /// </summary>
    public static class CronLine
    {
        public static string From(ScheduleExpression expression)
        {
            switch (expression)
            {
                case CronExpression cron:
                    if (!cron.Year.IsEvery)
                        throw BackendLimits.CannotExpress(expression, ScheduleBackend.Cron, "cron has no year field; use '*' for the year");
                    var dayOfWeek = cron.DayOfWeek.IsEvery ? "*" : string.Join(",", cron.DayOfWeek.Values.Select(d => d - 1));
                    return $"{cron.Minutes} {cron.Hours} {cron.DayOfMonth} {cron.Month} {dayOfWeek}";
                case RateExpression rate:
                    if (rate.Unit == RateUnit.Minutes && 60 % rate.Value == 0) return rate.Value == 1 ? "* * * * *" : $"*/{rate.Value} * * * *";
                    if (rate.Unit == RateUnit.Hours && 24 % rate.Value == 0) return rate.Value == 1 ? "0 * * * *" : $"0 */{rate.Value} * * *";
                    if (rate.Unit == RateUnit.Days && rate.Value == 1) return "0 0 * * *";
                    throw BackendLimits.CannotExpress(expression, ScheduleBackend.Cron,
                        "a cron line repeats only in steps that divide the hour (minutes) or the day (hours), and daily");
                default:
                    throw new ArgumentException("Unknown schedule expression.", nameof(expression));
            }
        }
    }
}
