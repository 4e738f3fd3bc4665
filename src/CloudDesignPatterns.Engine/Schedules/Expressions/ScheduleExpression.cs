using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Schedules.Expressions
{
    /// <summary>
    /// A schedule in the one language every backend takes: AWS's <c>cron(...)</c> / <c>rate(...)</c>, as State
    /// Manager accepts it. Parsed once (<see cref="ScheduleExpressionParser"/>); each backend maps it from here.
    /// </summary>
    public abstract class ScheduleExpression
    {
        protected ScheduleExpression(string text) => Text = text;

        /// <summary>The expression as the user wrote it (normalised spacing), which is what State Manager receives.</summary>
        public string Text { get; }

        /// <summary>The shortest time between two runs: what a backend's minimum interval is checked against.</summary>
        public abstract TimeSpan ShortestInterval { get; }

        public override string ToString() => Text;
    }

    public enum RateUnit { Minutes, Hours, Days }

    /// <summary><c>rate(value unit)</c>: every N minutes, hours or days.</summary>
    public sealed class RateExpression : ScheduleExpression
    {
        public RateExpression(string text, int value, RateUnit unit) : base(text)
        {
            Value = value;
            Unit = unit;
        }

        public int Value { get; }
        public RateUnit Unit { get; }

        public TimeSpan Interval => Unit switch
        {
            RateUnit.Minutes => TimeSpan.FromMinutes(Value),
            RateUnit.Hours => TimeSpan.FromHours(Value),
            _ => TimeSpan.FromDays(Value),
        };

        public override TimeSpan ShortestInterval => Interval;
    }

    /// <summary>
    /// <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, in UTC as on AWS. Each field is kept as the set
    /// of values it allows; exactly one of day-of-month and day-of-week is <c>?</c>, as AWS requires.
    /// </summary>
    public sealed class CronExpression : ScheduleExpression
    {
        public CronExpression(string text, CronField minutes, CronField hours, CronField dayOfMonth, CronField month,
                              CronField dayOfWeek, CronField year) : base(text)
        {
            Minutes = minutes; Hours = hours; DayOfMonth = dayOfMonth; Month = month; DayOfWeek = dayOfWeek; Year = year;
        }

        public CronField Minutes { get; }
        public CronField Hours { get; }
        public CronField DayOfMonth { get; }
        public CronField Month { get; }
        /// <summary>1 = Sunday … 7 = Saturday, as AWS numbers them (cron lines number Sunday 0).</summary>
        public CronField DayOfWeek { get; }
        public CronField Year { get; }

        /// <summary>
        /// The smallest gap between two firing times of one day, the gap over midnight included (conservative: a
        /// schedule restricted to some days is measured as if the next day fired too).
        /// </summary>
        public override TimeSpan ShortestInterval
        {
            get
            {
                var times = (from h in Hours.Values from m in Minutes.Values select h * 60 + m).OrderBy(t => t).ToList();
                var shortest = times[0] + 1440 - times[times.Count - 1];
                for (var i = 1; i < times.Count; i++) shortest = Math.Min(shortest, times[i] - times[i - 1]);
                return TimeSpan.FromMinutes(shortest);
            }
        }
    }

    /// <summary>One cron field: the values it allows, and whether it was written as <c>*</c> or <c>?</c> (every value).</summary>
    public sealed class CronField
    {
        public CronField(IReadOnlyList<int> values, bool isEvery)
        {
            Values = values;
            IsEvery = isEvery;
        }

        /// <summary>Sorted, distinct.</summary>
        public IReadOnlyList<int> Values { get; }
        public bool IsEvery { get; }

        public override string ToString() => IsEvery ? "*" : string.Join(",", Values);
    }
}
