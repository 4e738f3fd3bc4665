using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// Polls GetChange until Route 53 reports INSYNC or the timeout passes, on the shared <see cref="Poller"/>. The pause
    /// starts at about a second and grows by half up to 10 s: a quick change is seen at once, a slow one costs few
    /// calls (never a fixed 20 s sleep).
    /// </summary>
    internal static class ChangeWaiter
    {
        public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);
        private const double Growth = 1.5;
        private const int ProgressId = 53;

        /// <summary>The last status seen: INSYNC, or PENDING when the timeout passed first.</summary>
        public static async Task<ChangeInfo> WaitAsync(Route53Session route53, ChangeInfo change, TimeSpan timeout, string what, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            var activity = $"Waiting for Route 53 to apply {what}";
            var current = change;
            var sent = true; // the change as ChangeResourceRecordSets answered it is the first read: no GetChange at once
            try
            {
                return await Poller.LastReadAsync(async ct =>
                {
                    if (!sent)
                        current = await route53.CallAsync("GetChange", change.Id, true, (c, t) => c.GetChangeAsync(change.Id, t), ct).ConfigureAwait(false);
                    sent = false;
                    route53.Log.Progress(ProgressId, activity, $"change {current.Id} {current.Status} after {watch.Elapsed.TotalSeconds:0} s",
                        (int)Math.Min(99, 100 * watch.Elapsed.TotalSeconds / timeout.TotalSeconds));
                    return current;
                }, c => c.Status == "INSYNC", timeout, cancel, FirstInterval, MaxInterval, Growth).ConfigureAwait(false);
            }
            finally
            {
                route53.Log.Progress(ProgressId, activity, current.Status, 100, completed: true);
            }
        }
    }
}
