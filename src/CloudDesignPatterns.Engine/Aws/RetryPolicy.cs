using System;
using System.Globalization;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// AWS "standard" retry mode, run by us instead of the SDK so every attempt is logged, the total time is bounded,
    /// and Ctrl+C interrupts a back-off: up to MaxAttempts, full-jitter exponential back-off capped at MaxDelay.
    /// </summary>
    public sealed class RetryPolicy
    {
        [ThreadStatic] private static Random? random;

        public int MaxAttempts { get; set; } = 5;
        /// <summary>Attempts for a throttled call: the adaptive pace spaces them out instead of an exponential back-off.</summary>
        public int MaxThrottledAttempts { get; set; } = 12;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
        /// <summary>No call, retries included, takes longer than this; a scheduled job never hangs.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(90);
        /// <summary>One attempt's limit (connect + answer).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

        public static RetryPolicy FromEnvironment(EnvironmentReader? env = null)
        {
            env ??= EnvironmentReader.Process;
            var policy = new RetryPolicy();
            if (int.TryParse(env.Get("AWS_MAX_ATTEMPTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1)
                policy.MaxAttempts = attempts;
            return policy;
        }

        /// <summary>Delay before attempt number <paramref name="nextAttempt"/> (2, 3, …): random × 2^(n−2) × base, capped.</summary>
        public TimeSpan DelayBefore(int nextAttempt)
        {
            random ??= new Random(Guid.NewGuid().GetHashCode());
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, nextAttempt - 2));
            return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        }
    }
}
