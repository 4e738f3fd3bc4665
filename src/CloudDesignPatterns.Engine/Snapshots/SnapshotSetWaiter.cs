using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// Waits for one set to complete, reporting progress; fails with a clear error when a snapshot fails, the set
    /// disappears, or the time runs out (<see cref="Poller"/>: quickly at first, then backing off). Each poll reads the
    /// set through <see cref="SnapshotSetReader"/>; a snapshot set is read with DescribeSnapshots alone (it has no image).
    /// </summary>
    public static class SnapshotSetWaiter
    {
        /// <param name="kind">What the set is (as made or read before): a <see cref="SnapshotSetKind.Snapshots"/> set is polled without DescribeImages.</param>
        public static async Task<SnapshotSet> WaitAsync(Ec2Session session, string setId, SnapshotSetKind kind, TimeSpan timeout, int activityId, string activity,
            CancellationToken cancel)
        {
            try
            {
                return await Poller.UntilAsync(async ct =>
                    {
                        var set = await SnapshotSetReader.ReadSetAsync(session, setId, snapshotsOnly: kind == SnapshotSetKind.Snapshots, ct).ConfigureAwait(false)
                            ?? throw new PatternException("SnapshotSetNotFound", PatternErrorCategory.ObjectNotFound,
                                $"Set {setId} is no longer in {session.Region}: it was deleted while waiting for it.");
                        if (set.State == SnapshotSetState.Failed)
                            throw new PatternException("SnapshotSetFailed", PatternErrorCategory.InvalidOperation,
                                $"Set {setId} in {session.Region} failed: {Describe(set)}. Delete it (Remove-PatternSnapshot) and make or copy it again.");
                        session.Log.Progress(activityId, activity, $"{setId} in {session.Region}: {Describe(set)}", Percent(set), IsDone(set));
                        return set;
                    },
                    IsDone, timeout,
                    set => new PatternException("SnapshotWaitTimeout", PatternErrorCategory.OperationTimeout,
                        $"Set {setId} in {session.Region} is still pending after {timeout.TotalSeconds:0} s ({Describe(set)}). " +
                        "It goes on in AWS; wait longer with -TimeoutSec or check it later with Get-PatternSnapshot."),
                    cancel).ConfigureAwait(false);
            }
            catch (PatternException)
            {
                session.Log.Progress(activityId, activity, setId, -1, completed: true);
                throw;
            }
        }

        /// <summary>Every snapshot completed: an Overfull set is done too (waiting longer would never make it Completed).</summary>
        private static bool IsDone(SnapshotSet set) => set.State == SnapshotSetState.Completed || set.State == SnapshotSetState.Overfull;

        internal static int Percent(SnapshotSet set)
            => set.Snapshots.Length == 0 ? (IsDone(set) ? 100 : 0) : (int)set.Snapshots.Average(s => s.State == "completed" ? 100 : s.Progress);

        private static string Describe(SnapshotSet set)
            => set.Snapshots.Length == 0 ? set.State.ToString().ToLowerInvariant()
                : string.Join(", ", set.Snapshots.Select(s => $"{s.SnapshotId} {s.State} {s.Progress}%"));
    }
}
