using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Backends
{
    /// <summary>
    /// AWS schedule → Task Scheduler &lt;Triggers&gt; (task schema 1.2, times in UTC). A rate of minutes or hours is a
    /// TimeTrigger repeating at that interval; a rate of days a daily CalendarTrigger with DaysInterval. A cron's times
    /// of day are one trigger repeating every N minutes over the day when they are evenly spaced, else one trigger per
    /// time (at most 48, Task Scheduler's limit); its days map to ScheduleByDay, ScheduleByWeek (day-of-week) or
    /// ScheduleByMonth (day-of-month and months). A year, or day-of-week together with months, is refused.
    /// </summary>
    public static class TaskSchedulerTriggers
    {
        public static readonly XNamespace Ns = "http://schemas.microsoft.com/windows/2004/02/mit/task";
        private const int MaxTriggers = 48;
        private static readonly string[] DayNames = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
        private static readonly string[] Months = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

        public static XElement From(ScheduleExpression expression)
        {
            switch (expression)
            {
                case RateExpression rate when rate.Unit == RateUnit.Days:
                    return new XElement(Ns + "Triggers", Calendar(0, new XElement(Ns + "ScheduleByDay", new XElement(Ns + "DaysInterval", rate.Value)), null));
                case RateExpression rate:
                    return new XElement(Ns + "Triggers", new XElement(Ns + "TimeTrigger",
                        new XElement(Ns + "Repetition", new XElement(Ns + "Interval", $"PT{(int)rate.Interval.TotalMinutes}M"), new XElement(Ns + "StopAtDurationEnd", "false")),
                        new XElement(Ns + "StartBoundary", Start(0)), new XElement(Ns + "Enabled", "true")));
                case CronExpression cron:
                    return new XElement(Ns + "Triggers", CronTriggers(cron));
                default:
                    throw new ArgumentException("Unknown schedule expression.", nameof(expression));
            }
        }

        private static IEnumerable<XElement> CronTriggers(CronExpression cron)
        {
            if (!cron.Year.IsEvery)
                throw BackendLimits.CannotExpress(cron, ScheduleBackend.TaskScheduler, "a task trigger has no year; use '*' for the year");
            var days = DaysElement(cron);
            var times = (from h in cron.Hours.Values from m in cron.Minutes.Values select h * 60 + m).OrderBy(t => t).ToList();
            var step = times.Count > 1 ? times[1] - times[0] : 0;
            var evenlySpaced = times.Count > 1 && 1440 % step == 0 && times.Count == 1440 / step &&
                               times.Select((t, i) => t == times[0] + i * step).All(x => x);
            if (evenlySpaced)
                return new[] { Calendar(times[0], days, new XElement(Ns + "Repetition", new XElement(Ns + "Interval", $"PT{step}M"),
                    new XElement(Ns + "Duration", "P1D"), new XElement(Ns + "StopAtDurationEnd", "false"))) };
            if (times.Count > MaxTriggers)
                throw BackendLimits.CannotExpress(cron, ScheduleBackend.TaskScheduler,
                    $"it needs {times.Count} triggers (times of day that are not evenly spaced) and a task holds at most {MaxTriggers}");
            return times.Select(t => Calendar(t, new XElement(days), null)).ToList();
        }

        private static XElement DaysElement(CronExpression cron)
        {
            if (!cron.DayOfWeek.IsEvery)
            {
                if (!cron.Month.IsEvery)
                    throw BackendLimits.CannotExpress(cron, ScheduleBackend.TaskScheduler, "a weekly trigger cannot also be limited to some months");
                return new XElement(Ns + "ScheduleByWeek", new XElement(Ns + "WeeksInterval", 1),
                    new XElement(Ns + "DaysOfWeek", cron.DayOfWeek.Values.Select(d => new XElement(Ns + DayNames[d - 1]))));
            }
            if (!cron.DayOfMonth.IsEvery || !cron.Month.IsEvery)
                return new XElement(Ns + "ScheduleByMonth",
                    new XElement(Ns + "DaysOfMonth", cron.DayOfMonth.Values.Select(d => new XElement(Ns + "Day", d))),
                    new XElement(Ns + "Months", cron.Month.Values.Select(m => new XElement(Ns + Months[m - 1]))));
            return new XElement(Ns + "ScheduleByDay", new XElement(Ns + "DaysInterval", 1));
        }

        private static XElement Calendar(int minuteOfDay, XElement days, XElement? repetition)
            => new XElement(Ns + "CalendarTrigger", repetition, new XElement(Ns + "StartBoundary", Start(minuteOfDay)),
                new XElement(Ns + "Enabled", "true"), days);

        // A fixed past date: only the time of day matters, and 'Z' makes Task Scheduler read it as UTC like AWS.
        private static string Start(int minuteOfDay) => $"2024-01-01T{minuteOfDay / 60:00}:{minuteOfDay % 60:00}:00Z";
    }
}
