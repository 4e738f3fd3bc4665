using System;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Backends
{
    /// <summary>The most frequent schedule each backend runs. Checked before anything is written.</summary>
    public static class BackendLimits
    {
        /// <summary>
        /// State Manager refuses associations that run more often than every 30 minutes; the local schedulers all
        /// count in whole minutes.
        /// </summary>
        public static TimeSpan MinimumInterval(ScheduleBackend backend)
            => backend == ScheduleBackend.StateManager ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(1);

        public static void Check(ScheduleExpression expression, ScheduleBackend backend)
        {
            var minimum = MinimumInterval(backend);
            if (expression.ShortestInterval < minimum)
                throw new PatternException("ScheduleTooFrequent", PatternErrorCategory.LimitsExceeded,
                    $"The schedule '{expression.Text}' runs every {Minutes(expression.ShortestInterval)} at its most frequent; " +
                    $"{backend} runs a job at most every {Minutes(minimum)}. Choose a slower schedule.");
        }

        internal static PatternException CannotExpress(ScheduleExpression expression, ScheduleBackend backend, string why)
            => new PatternException("ScheduleNotExpressible", PatternErrorCategory.InvalidArgument,
                $"The schedule '{expression.Text}' cannot be expressed exactly for {backend}: {why}.");

        private static string Minutes(TimeSpan span) => span.TotalMinutes == 1 ? "minute" : $"{span.TotalMinutes:0} minutes";
    }
}
