using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// Polls GetChange until Route 53 reports INSYNC or the timeout passes. The interval starts at about a second and
    /// grows by half each poll up to 10 s: a quick change is seen at once, a slow one costs few calls (never a fixed 20 s sleep).
    /// </summary>
    internal static class ChangeWaiter
    {
        public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);
        private const int ProgressId = 53;

        /// <summary>The last status seen: INSYNC, or PENDING when the timeout passed first.</summary>
        public static async Task<ChangeInfo> WaitAsync(Route53Session route53, ChangeInfo change, TimeSpan timeout, string what, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            var interval = FirstInterval;
            var activity = $"Waiting for Route 53 to apply {what}";
            try
            {
                while (change.Status != "INSYNC")
                {
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero) return change;
                    route53.Log.Progress(ProgressId, activity, $"change {change.Id} {change.Status} after {watch.Elapsed.TotalSeconds:0} s",
                        (int)Math.Min(99, 100 * watch.Elapsed.TotalSeconds / timeout.TotalSeconds));
                    await Task.Delay(interval < left ? interval : left, cancel).ConfigureAwait(false);
                    var id = change.Id;
                    change = await route53.CallAsync("GetChange", id, true, (c, ct) => c.GetChangeAsync(id, ct), cancel).ConfigureAwait(false);
                    interval = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, (long)(interval.Ticks * 1.5)));
                }
                return change;
            }
            finally
            {
                route53.Log.Progress(ProgressId, activity, change.Status, 100, completed: true);
            }
        }
    }
}
