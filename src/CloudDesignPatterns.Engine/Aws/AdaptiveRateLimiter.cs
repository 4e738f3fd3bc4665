using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Client-side pacing under throttling, shared by every concurrent call of one session. It stays out of the way
    /// until AWS throttles; then it sends at the rate AWS was actually accepting (the successes of the last two
    /// seconds), and creeps up from there additively, so a fleet-wide job settles just under the account's refill
    /// rate instead of burning its retries against it.
    /// </summary>
    public sealed class AdaptiveRateLimiter
    {
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan MinTimeBetweenDecreases = TimeSpan.FromSeconds(1);
        private const double MinRate = 0.5;
        private const double IncreasePerSuccess = 0.05;

        private readonly object gate = new object();
        private readonly Queue<DateTime> recentSuccesses = new Queue<DateTime>();
        private readonly Func<DateTime> now;
        private bool active;
        private double rate;
        private double tokens;
        private DateTime lastRefill;
        private DateTime lastDecrease = DateTime.MinValue;

        public AdaptiveRateLimiter(Func<DateTime>? now = null) { this.now = now ?? (() => DateTime.UtcNow); }

        /// <summary>Calls per second currently allowed; null while no throttling has been seen.</summary>
        public double? Rate { get { lock (gate) return active ? rate : (double?)null; } }

        public async Task AcquireAsync(CancellationToken cancel)
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    if (!active) return;
                    Refill();
                    if (tokens >= 1) { tokens -= 1; return; }
                    wait = TimeSpan.FromSeconds((1 - tokens) / rate);
                }
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
        }

        public void OnSuccess()
        {
            lock (gate)
            {
                var at = now();
                recentSuccesses.Enqueue(at);
                Trim(at);
                if (active) rate += IncreasePerSuccess;
            }
        }

        public void OnThrottled()
        {
            lock (gate)
            {
                var at = now();
                Trim(at);
                // Many in-flight calls are throttled at once: count them as one signal, not as many.
                if (active && at - lastDecrease < MinTimeBetweenDecreases) return;
                var accepted = recentSuccesses.Count / Window.TotalSeconds;
                rate = Math.Max(MinRate, active ? Math.Min(rate * 0.9, accepted * 0.95) : accepted * 0.95);
                if (!active) { tokens = 0; lastRefill = at; }
                active = true;
                lastDecrease = at;
            }
        }

        private void Refill()
        {
            var at = now();
            tokens = Math.Min(Math.Max(1, rate), tokens + (at - lastRefill).TotalSeconds * rate);
            lastRefill = at;
        }

        private void Trim(DateTime at)
        {
            while (recentSuccesses.Count > 0 && at - recentSuccesses.Peek() > Window) recentSuccesses.Dequeue();
        }
    }
}
