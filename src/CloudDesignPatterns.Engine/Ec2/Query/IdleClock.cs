using System;
using System.Diagnostics;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Measures how long a read had nothing to do but wait for EC2: the time during which none of its workers was parsing
    /// or handing on a page. With two pages parsed at once, adding up each worker's waits would count the same wait twice.
    /// Starts idle (the first page is on its way).
    /// </summary>
    internal sealed class IdleClock
    {
        private readonly object gate = new object();
        private readonly Func<long> now;
        private int working;
        private long idleSince;
        private long idleTicks;

        /// <param name="timestamp">Stopwatch ticks (tests give their own).</param>
        public IdleClock(Func<long>? timestamp = null)
        {
            now = timestamp ?? Stopwatch.GetTimestamp;
            idleSince = now();
        }

        public void StartWork()
        {
            lock (gate)
                if (working++ == 0) idleTicks += now() - idleSince;
        }

        public void StopWork()
        {
            lock (gate)
                if (--working == 0) idleSince = now();
        }

        /// <summary>The idle time so far.</summary>
        public TimeSpan Idle
        {
            get
            {
                lock (gate)
                {
                    var ticks = idleTicks + (working == 0 ? now() - idleSince : 0);
                    return TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);
                }
            }
        }
    }
}
