using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Reads what a rotation needs in one region: the managed snapshots in scope (paginated DescribeSnapshots filtered
    /// by the set-id tag, instances, policy, set ids) and every image the account owns (paginated DescribeImages), from
    /// which come both the image sets and the images that use a snapshot — one read instead of a
    /// block-device-mapping.snapshot-id describe per candidate, which matters at 100,000 snapshots.
    /// </summary>
    public static class RotationReader
    {

        public sealed class Result
        {
            internal Result(SnapshotSetAssembler sets, List<int> inScope, RotationGuards guards, TimeSpan waitedForEc2)
            {
                Sets = sets;
                InScope = inScope;
                Guards = guards;
                WaitedForEc2 = waitedForEc2;
            }

            /// <summary>Every set read, as rows (settled: states known, images in).</summary>
            internal SnapshotSetAssembler Sets { get; }

            /// <summary>The rows of <see cref="Sets"/> in the scope.</summary>
            internal List<int> InScope { get; }

            public RotationGuards Guards { get; }

            /// <summary>The part of the read spent waiting for EC2's answers rather than reading them.</summary>
            public TimeSpan WaitedForEc2 { get; }

            /// <summary>The sets in scope, each built as its own object.</summary>
            public List<SnapshotSet> BuildSets() => InScope.ConvertAll(Sets.BuildSet);
        }

        public static async Task<Result> ReadAsync(Ec2Session ec2, RotationScope scope, CancellationToken cancel)
        {
            var assembler = new SnapshotSetAssembler(ec2.Region, includeUnmanaged: false);
            var waited = TimeSpan.Zero;
            foreach (var filters in SnapshotFilters(scope))
                waited += await SnapshotSetReader.ReadSnapshotsAsync(ec2, filters, assembler.Add, cancel, names: false).ConfigureAwait(false);
            var imagesWatch = System.Diagnostics.Stopwatch.StartNew(); // the SDK's call, counted whole as waiting
            var images = await SnapshotSetReader.DescribeImagesAsync(ec2, new List<Filter>(), cancel).ConfigureAwait(false);
            waited += imagesWatch.Elapsed;

            assembler.Settle(images.Where(i => SnapshotTags.Get(i.Tags, ManagedTags.SetIdKey) != null));
            return new Result(assembler, InScope(assembler, scope), RotationGuards.From(assembler.ForeignOwned, images), waited);
        }

        /// <summary>Images are read unfiltered, so image sets outside the scope are dropped here.</summary>
        internal static List<int> InScope(SnapshotSetAssembler sets, RotationScope scope)
        {
            // Looked up in hash sets: a scope can name a thousand instances, checked against 100,000 sets.
            var setIds = scope.SetIds != null ? new HashSet<string>(scope.SetIds, StringComparer.Ordinal) : null;
            var groups = scope.Groups != null ? new HashSet<RotationGroupKey>(scope.Groups) : null;
            var instanceIds = scope.InstanceIds != null ? new HashSet<string>(scope.InstanceIds, StringComparer.Ordinal) : null;
            var inScope = new List<int>(sets.SetCount);
            // One loop with the checks written out: as a local function it ran unoptimised, 100,000 times, in a fresh process.
            for (var row = 0; row < sets.SetCount; row++)
            {
                ref readonly var tags = ref sets.Row(row).Tags;
                var policy = tags.Policy ?? "";
                var wanted = setIds != null ? setIds.Contains(sets.SetIdOf(row))
                    : scope.Policy != null && !string.Equals(policy, scope.Policy, StringComparison.Ordinal) ? false
                    : groups != null ? groups.Contains(new RotationGroupKey(sets.Region, tags.SourceInstance ?? "", policy))
                    : instanceIds == null || instanceIds.Contains(tags.SourceInstance ?? "");
                if (wanted) inScope.Add(row);
            }
            return inScope;
        }

        /// <summary>The filters of any set read: by set id alone when ids are named, else by the groups' instances and the policy.</summary>
        private static IEnumerable<List<Filter>> SnapshotFilters(RotationScope scope)
            => SnapshotSetReader.FilterBatches(scope.SetIds != null
                ? new SnapshotQuery { SetIds = scope.SetIds }
                : new SnapshotQuery { InstanceIds = scope.Groups?.Select(g => g.InstanceId).ToList() ?? scope.InstanceIds, Policy = scope.Policy });
    }
}
