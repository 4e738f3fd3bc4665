using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Polls a read until it says done or the time runs out: quickly at first, then doubling up to a ceiling, since a
    /// restore takes seconds in the sandbox and a cross-region copy many minutes. The read itself throws for a state
    /// that can never become done (a failed snapshot) and reports progress; the last pause never passes the deadline. Also
    /// behind the read-back after a set is made, which settles for the last read (<see cref="LastReadAsync"/>).
    /// </summary>
    internal static class Poller
    {
        public static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
        public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(15);

        /// <param name="timedOut">The error for a read still not done at the deadline, given that last read.</param>
        public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, TimeSpan timeout,
            Func<T, PatternException> timedOut, CancellationToken cancel)
        {
            var last = await LastReadAsync(read, done, timeout, cancel).ConfigureAwait(false);
            return done(last) ? last : throw timedOut(last);
        }

        /// <summary>The same polling, but the last read is returned whether it is done or the time ran out.</summary>
        /// <param name="first">The first pause (default <see cref="FirstPoll"/>); <paramref name="max"/> the ceiling
        /// (default <see cref="MaxPoll"/>); <paramref name="growth"/> the factor each pause grows by (default 2).</param>
        public static async Task<T> LastReadAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, TimeSpan timeout, CancellationToken cancel,
            TimeSpan? first = null, TimeSpan? max = null, double growth = 2)
        {
            var clock = Stopwatch.StartNew();
            var interval = first ?? FirstPoll;
            var ceiling = max ?? MaxPoll;
            var lastRead = false;
            while (true)
            {
                var current = await read(cancel).ConfigureAwait(false);
                if (done(current)) return current;
                var remaining = timeout - clock.Elapsed;
                if (lastRead || remaining <= TimeSpan.Zero) return current;
                // A pause cut to the deadline is the last: the timer can end it a hair before the stopwatch reaches the
                // deadline, and what remained then (under a millisecond, a pause of none) made the loop read in a spin.
                lastRead = interval >= remaining;
                await Task.Delay(lastRead ? remaining : interval, cancel).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * growth), ceiling.Ticks));
            }
        }
    }
}
