using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>Waits until sets complete, with progress, failing clearly on an error state or the timeout.</summary>
    public static class SnapshotWaiter
    {
        private static int nextActivityId = 100;

        public static async Task<SnapshotSet> WaitAsync(Ec2Session ec2, SnapshotSet set, TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancel)
        {
            var activity = Interlocked.Increment(ref nextActivityId);
            var title = $"Waiting for {set.SetId} ({set.InstanceId}, {ec2.Region})";
            var deadline = DateTime.UtcNow + timeout;
            var current = set;
            try
            {
                while (true)
                {
                    if (current.State == SnapshotSetState.Completed) return current;
                    if (current.State == SnapshotSetState.Failed)
                        throw new PatternException("SnapshotSetFailed", PatternErrorCategory.InvalidData,
                            $"Set {set.SetId} of {set.InstanceId} failed: {Describe(current)}.");
                    if (DateTime.UtcNow >= deadline)
                        throw new PatternException("SnapshotWaitTimedOut", PatternErrorCategory.OperationTimeout,
                            $"Set {set.SetId} of {set.InstanceId} was not complete after {timeout.TotalSeconds:0} s ({Describe(current)}). It goes on in AWS; Get-PatternSnapshot -SetId {set.SetId} shows it.");
                    ec2.Log.Progress(activity, title, Describe(current), Percent(current));
                    await Task.Delay(pollInterval, cancel).ConfigureAwait(false);
                    var destinationRegion = current.DestinationRegion;
                    current = await SnapshotCreator.ReadSetAsync(ec2, set.SetId, set.Kind == SnapshotSetKind.Image, cancel).ConfigureAwait(false)
                        ?? throw new PatternException("SnapshotSetNotFound", PatternErrorCategory.ObjectNotFound, $"Set {set.SetId} disappeared while waiting.");
                    current.DestinationRegion ??= destinationRegion;
                }
            }
            finally
            {
                ec2.Log.Progress(activity, title, "done", 100, completed: true);
            }
        }

        private static int Percent(SnapshotSet set) => set.Snapshots.Length == 0 ? -1 : (int)set.Snapshots.Average(s => s.Progress);

        private static string Describe(SnapshotSet set)
            => set.Snapshots.Length == 0 ? set.State.ToString() : string.Join(", ", set.Snapshots.Select(s => $"{s.SnapshotId} {s.State} {s.Progress}%"));
    }
}
