using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    /// <summary>One set as read from EC2 now: the assembled set and what it was assembled from (every tag of each member is needed to copy it).</summary>
    internal sealed class SetResources
    {
        private SetResources(SnapshotSet set, List<SnapshotFacts> snapshots, Image? image)
        {
            Set = set;
            Snapshots = snapshots;
            Image = image;
        }

        public SnapshotSet Set { get; }
        /// <summary>The members as read, each with every tag (<see cref="SnapshotFacts.AllTags"/>).</summary>
        public List<SnapshotFacts> Snapshots { get; }
        public Image? Image { get; }

        /// <summary>Null when no resource in the session's region carries the set id.</summary>
        public static async Task<SetResources?> ReadAsync(Ec2Session session, string setId, CancellationToken cancel)
        {
            var filters = new List<Filter> { new Filter("tag:" + ManagedTags.SetIdKey, new List<string> { setId }) };
            var snapshots = await SnapshotSetReader.ReadSnapshotsAsync(session, filters, cancel).ConfigureAwait(false);
            var images = await SnapshotSetReader.DescribeImagesAsync(session, filters, cancel).ConfigureAwait(false);
            var assembler = new SnapshotSetAssembler(session.Region, includeUnmanaged: false);
            foreach (var snapshot in snapshots) assembler.Add(snapshot);
            var set = assembler.Finish(images).FirstOrDefault(s => s.SetId == setId);
            return set == null ? null : new SetResources(set, snapshots, images.FirstOrDefault());
        }

        /// <summary>
        /// The set as it is now, completed: a set still pending is waited for when <paramref name="waitIfPending"/> (with
        /// progress, up to <paramref name="timeout"/>), else refused with how to get past it; a missing, failed or Overfull
        /// set (a volume in it twice) is refused. What copying and restoring both need first, since EC2 works only from
        /// completed snapshots and images.
        /// </summary>
        /// <param name="verb">What the set is read for ("copy", "restore"), for the messages.</param>
        public static async Task<SetResources> ReadCompletedAsync(Ec2Session session, string setId, bool waitIfPending, TimeSpan timeout, string verb,
            CancellationToken cancel)
        {
            var resources = await ReadAsync(session, setId, cancel).ConfigureAwait(false)
                ?? throw new PatternException("SnapshotSetNotFound", PatternErrorCategory.ObjectNotFound,
                    $"No set {setId} in {session.Region}. Get-PatternSnapshot -Region {session.Region} lists the sets there.");
            if (resources.Set.State == SnapshotSetState.Pending)
            {
                if (!waitIfPending)
                    throw new PatternException("SnapshotSetPending", PatternErrorCategory.ResourceUnavailable,
                        $"Set {setId} in {session.Region} is still pending; EC2 can {verb} only completed snapshots and images. Add -Wait to wait for it, or {verb} it later.");
                await SnapshotSetWaiter.WaitAsync(session, setId, resources.Set.Kind, timeout, Math.Abs(setId.GetHashCode() % 10000) + 1,
                    $"Waiting for set {setId} to complete before the {verb}", cancel).ConfigureAwait(false);
                resources = await ReadAsync(session, setId, cancel).ConfigureAwait(false) ?? resources;
            }
            if (resources.Set.State == SnapshotSetState.Failed)
                throw new PatternException("SnapshotSetFailed", PatternErrorCategory.InvalidOperation,
                    $"Set {setId} in {session.Region} failed; there is nothing sound to {verb}.");
            // Copying or restoring every member would copy or restore a volume twice; picking one silently hides the fault.
            if (resources.Set.State == SnapshotSetState.Overfull)
                throw new PatternException("SnapshotSetOverfull", PatternErrorCategory.InvalidData,
                    $"In {session.Region}, {OverfullSet.Describe(resources.Set)}. A {verb} would {verb} those volumes twice, so it is refused. " +
                    $"Use another set, or remove this one (Remove-PatternSnapshot -SetId {setId}; rotation also counts it as one generation and removes it whole).");
            return resources;
        }
    }
}
