using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>
    /// After a move onto this instance (-Self): waits, with progress and a deadline, until instance metadata shows the
    /// address on the target interface (local-ipv4s for a private IP, public-ipv4s for an Elastic IP). Metadata lags the
    /// EC2 API, and software that binds the address reads metadata, so "moved" is only useful once metadata agrees.
    /// </summary>
    internal static class MetadataWatcher
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        /// <returns>True when metadata shows the address before the timeout; false (with a warning) otherwise.</returns>
        public static async Task<bool> WaitAsync(ImdsClient imds, FloatingIpPlan plan, TimeSpan timeout, IOperationLog log, CancellationToken cancel)
        {
            var activity = $"Waiting for instance metadata to show {FloatingIpPlanner.Name(plan)}";
            var id = Math.Abs(plan.Target.NetworkInterfaceId.GetHashCode() % 10000) + 1;
            var clock = Stopwatch.StartNew();
            try
            {
                while (true)
                {
                    string? reason;
                    try { if (await ShowsAsync(imds, plan, cancel).ConfigureAwait(false)) return true; reason = "not shown yet"; }
                    catch (PatternException error) { reason = error.Message; }
                    var left = timeout - clock.Elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        log.Warning($"{FloatingIpPlanner.Name(plan)} is on {plan.Target.Describe()} in EC2, but instance metadata did not show it within {timeout.TotalSeconds:0} s ({reason}).");
                        return false;
                    }
                    var percent = (int)(100 * clock.Elapsed.TotalMilliseconds / timeout.TotalMilliseconds);
                    log.Progress(id, activity, $"{clock.Elapsed.TotalSeconds:0.0} s of {timeout.TotalSeconds:0} s", percent);
                    await Task.Delay(left < Interval ? left : Interval, cancel).ConfigureAwait(false);
                }
            }
            finally { log.Progress(id, activity, "done", 100, completed: true); }
        }

        private static async Task<bool> ShowsAsync(ImdsClient imds, FloatingIpPlan plan, CancellationToken cancel)
        {
            using var budget = imds.StartBudget(cancel);
            var macs = await imds.GetAsync("meta-data/network/interfaces/macs/", budget.Token).ConfigureAwait(false) ?? "";
            foreach (var mac in macs.Split('\n').Select(m => m.Trim().TrimEnd('/')).Where(m => m.Length > 0))
            {
                var dir = "meta-data/network/interfaces/macs/" + mac + "/";
                var interfaceId = (await imds.GetAsync(dir + "interface-id", budget.Token).ConfigureAwait(false) ?? "").Trim();
                if (interfaceId != plan.Target.NetworkInterfaceId) continue;
                var listed = plan.Address.Kind == FloatingIpKind.ElasticIp
                    ? await imds.GetAsync(dir + "public-ipv4s", budget.Token).ConfigureAwait(false)
                    : await imds.GetAsync(dir + "local-ipv4s", budget.Token).ConfigureAwait(false);
                var wanted = plan.Address.Kind == FloatingIpKind.ElasticIp ? plan.Current.PublicIp : plan.TargetPrivateIp;
                return (listed ?? "").Split('\n').Select(l => l.Trim()).Contains(wanted);
            }
            return false;
        }
    }
}
