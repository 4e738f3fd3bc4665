using System;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Backends;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Tests.Schedules
{
    /// <summary>The documented mapping of AWS cron()/rate() to each backend (docs/scheduling.md), row by row.</summary>
    public class ScheduleExpressionMappingTests
    {
        private static ScheduleExpression P(string text) => ScheduleExpressionParser.Parse(text);

        [Theory]
        [InlineData("cron(30 2 * * ? *)", "*-*-* 02:30:00 UTC", "30 2 * * *")]
        [InlineData("cron(0 1 ? * MON-FRI *)", "Mon,Tue,Wed,Thu,Fri *-*-* 01:00:00 UTC", "0 1 * * 1,2,3,4,5")]
        [InlineData("cron(0/15 * * * ? *)", "*-*-* *:00,15,30,45:00 UTC", "0,15,30,45 * * * *")]
        [InlineData("cron(0 6,18 1 JAN,JUL ? *)", "*-01,07-01 06,18:00:00 UTC", "0 6,18 1 1,7 *")]
        [InlineData("cron(5 4 ? * SUN *)", "Sun *-*-* 04:05:00 UTC", "5 4 * * 0")]
        [InlineData("rate(15 minutes)", "*-*-* *:00/15:00 UTC", "*/15 * * * *")]
        [InlineData("rate(1 minute)", "*-*-* *:*:00 UTC", "* * * * *")]
        [InlineData("rate(6 hours)", "*-*-* 00/6:00:00 UTC", "0 */6 * * *")]
        [InlineData("rate(1 day)", "*-*-* 00:00:00 UTC", "0 0 * * *")]
        public void Maps_to_systemd_OnCalendar_and_a_cron_line(string expression, string onCalendar, string cronLine)
        {
            var parsed = P(expression);
            Assert.Equal(onCalendar, SystemdCalendar.From(parsed).OnCalendar);
            Assert.Equal(cronLine, CronLine.From(parsed));
        }

        [Fact]
        public void A_year_goes_into_OnCalendar_but_cron_and_Task_Scheduler_refuse_it()
        {
            var parsed = P("cron(0 0 1 1 ? 2030)");
            Assert.Equal("2030-01-01 00:00:00 UTC", SystemdCalendar.From(parsed).OnCalendar);
            Assert.Equal("ScheduleNotExpressible", Assert.Throws<PatternException>(() => CronLine.From(parsed)).ErrorId);
            Assert.Equal("ScheduleNotExpressible", Assert.Throws<PatternException>(() => TaskSchedulerTriggers.From(parsed)).ErrorId);
        }

        [Fact]
        public void A_rate_that_divides_neither_hour_nor_day_is_an_interval_for_systemd_and_refused_by_cron()
        {
            var parsed = P("rate(7 minutes)");
            var timer = SystemdCalendar.From(parsed);
            Assert.Null(timer.OnCalendar);
            Assert.Equal("7min", timer.OnUnitActiveSec);
            Assert.Equal("ScheduleNotExpressible", Assert.Throws<PatternException>(() => CronLine.From(parsed)).ErrorId);
        }

        private static readonly XNamespace T = TaskSchedulerTriggers.Ns;

        [Fact]
        public void Task_Scheduler_daily_time_is_one_calendar_trigger_in_UTC()
        {
            var triggers = TaskSchedulerTriggers.From(P("cron(30 2 * * ? *)")).Elements().ToList();
            var trigger = Assert.Single(triggers);
            Assert.Equal("CalendarTrigger", trigger.Name.LocalName);
            Assert.Equal("2024-01-01T02:30:00Z", (string?)trigger.Element(T + "StartBoundary"));
            Assert.Equal("1", (string?)trigger.Element(T + "ScheduleByDay")?.Element(T + "DaysInterval"));
        }

        [Fact]
        public void Task_Scheduler_weekdays_are_a_weekly_trigger_with_day_elements()
        {
            var trigger = Assert.Single(TaskSchedulerTriggers.From(P("cron(0 1 ? * MON,FRI *)")).Elements());
            var days = trigger.Element(T + "ScheduleByWeek")!.Element(T + "DaysOfWeek")!.Elements().Select(e => e.Name.LocalName);
            Assert.Equal(new[] { "Monday", "Friday" }, days);
        }

        [Fact]
        public void Task_Scheduler_evenly_spaced_times_are_one_trigger_repeating_over_the_day()
        {
            var trigger = Assert.Single(TaskSchedulerTriggers.From(P("cron(0/15 * * * ? *)")).Elements());
            Assert.Equal("PT15M", (string?)trigger.Element(T + "Repetition")?.Element(T + "Interval"));
            Assert.Equal("P1D", (string?)trigger.Element(T + "Repetition")?.Element(T + "Duration"));
        }

        [Fact]
        public void Task_Scheduler_uneven_times_are_one_trigger_each()
        {
            var triggers = TaskSchedulerTriggers.From(P("cron(0 2,3,20 * * ? *)")).Elements().ToList();
            Assert.Equal(new[] { "2024-01-01T02:00:00Z", "2024-01-01T03:00:00Z", "2024-01-01T20:00:00Z" },
                triggers.Select(t => (string?)t.Element(T + "StartBoundary")));
        }

        [Fact]
        public void Task_Scheduler_rate_of_minutes_is_a_repeating_time_trigger_and_days_a_daily_interval()
        {
            var minutes = Assert.Single(TaskSchedulerTriggers.From(P("rate(45 minutes)")).Elements());
            Assert.Equal("TimeTrigger", minutes.Name.LocalName);
            Assert.Equal("PT45M", (string?)minutes.Element(T + "Repetition")?.Element(T + "Interval"));
            var days = Assert.Single(TaskSchedulerTriggers.From(P("rate(3 days)")).Elements());
            Assert.Equal("3", (string?)days.Element(T + "ScheduleByDay")?.Element(T + "DaysInterval"));
        }

        [Theory]
        [InlineData("cron(30 2 * * *)")]                // five fields
        [InlineData("cron(30 2 * * MON *)")]            // neither day field is '?'
        [InlineData("cron(30 2 ? * ? *)")]              // both are
        [InlineData("cron(61 2 * * ? *)")]              // minute out of range
        [InlineData("cron(0 2 L * ? *)")]               // L: no local scheduler has it
        [InlineData("cron(0 2 ? * MON#2 *)")]
        [InlineData("cron(5-1 2 * * ? *)")]             // backwards range
        [InlineData("rate(0 minutes)")]
        [InlineData("rate(1 minutes)")]                 // AWS: singular for 1
        [InlineData("rate(5 minute)")]                  // and plural above
        [InlineData("rate(5 seconds)")]
        [InlineData("at(2030-01-01T00:00:00)")]
        [InlineData("")]
        public void Refuses_what_does_not_parse_with_one_error_id(string text)
        {
            var e = Assert.Throws<PatternException>(() => P(text));
            Assert.Equal("ScheduleExpressionInvalid", e.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, e.Category);
        }

        [Theory]
        [InlineData("rate(30 minutes)", 30)]
        [InlineData("rate(2 hours)", 120)]
        [InlineData("cron(0/10 * * * ? *)", 10)]
        [InlineData("cron(0 2,14 * * ? *)", 720)]
        [InlineData("cron(59 23 * * ? *)", 1440)]
        [InlineData("cron(0,59 0,23 * * ? *)", 1)]      // 23:59 → 00:00 over midnight
        public void Shortest_interval_counts_the_gap_over_midnight(string text, int minutes)
            => Assert.Equal(TimeSpan.FromMinutes(minutes), P(text).ShortestInterval);

        [Theory]
        [InlineData("rate(29 minutes)", ScheduleBackend.StateManager, false)]
        [InlineData("rate(30 minutes)", ScheduleBackend.StateManager, true)]
        [InlineData("cron(0/15 * * * ? *)", ScheduleBackend.StateManager, false)]
        [InlineData("rate(1 minute)", ScheduleBackend.Systemd, true)]
        [InlineData("rate(1 minute)", ScheduleBackend.Cron, true)]
        public void Backend_minimum_intervals(string text, ScheduleBackend backend, bool allowed)
        {
            var parsed = P(text);
            if (allowed) BackendLimits.Check(parsed, backend);
            else Assert.Equal("ScheduleTooFrequent", Assert.Throws<PatternException>(() => BackendLimits.Check(parsed, backend)).ErrorId);
        }
    }
}
