using System;
using System.Runtime.CompilerServices;
using CloudDesignPatterns.Engine.Ec2.Query;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Pure: decides which sets to keep, remove or skip. The safety rules, in the order they apply:
    /// 1. only sets tagged as ours (Managed) are ever removed;
    /// 2. pending sets are never removed, and neither pending nor failed sets count as a generation (an Overfull set,
    ///    complete but with a volume in it twice, counts as one, and is removed whole like any other);
    /// 3. the newest completed set of a group is always kept;
    /// 4. a set outside either keep rule is removed (a failed set only once it is older than the oldest kept generation
    ///    or the age limit, so a recent failure stays visible);
    /// 5. a set with a snapshot owned by AWS Backup or DLM (aws:backup:* / aws:dlm:* tags) is skipped;
    /// 6. a set with a snapshot that an image outside the set uses is skipped with a warning.
    /// </summary>
    public static class RotationPlanner
    {
        private const string NotOursReason = "Not tagged cdp:managed-by=CloudDesignPatterns: only the module's own sets are removed.";

        /// <summary>Plans one group (one instance, policy and region): its members, in any order.</summary>
        public static RotationPlan Plan(IEnumerable<SnapshotSet> groupMembers, int? keepGenerations, TimeSpan? olderThan, DateTime nowUtc, RotationGuards? guards = null)
        {
            var members = groupMembers.ToArray();
            var reasons = new ReasonTexts(new RotationRules(keepGenerations, olderThan), olderThan.HasValue ? nowUtc - olderThan.Value : (DateTime?)null);
            var items = new List<RotationItem>(members.Length);
            PlanSets(members, reasons, guards ?? RotationGuards.None, items);
            return new RotationPlan(items);
        }

        /// <summary>Plans every group found among <paramref name="sets"/> (grouped by region, instance and policy).</summary>
        public static RotationPlan PlanGroups(IEnumerable<SnapshotSet> sets, int? keepGenerations, TimeSpan? olderThan, DateTime nowUtc, RotationGuards? guards = null)
        {
            var groups = new Dictionary<RotationGroupKey, List<SnapshotSet>>();
            foreach (var set in sets)
            {
                var key = RotationGroupKey.Of(set);
                if (!groups.TryGetValue(key, out var members)) groups[key] = members = new List<SnapshotSet>();
                members.Add(set);
            }
            var reasons = new ReasonTexts(new RotationRules(keepGenerations, olderThan), olderThan.HasValue ? nowUtc - olderThan.Value : (DateTime?)null);
            var items = new List<RotationItem>();
            var keys = new List<RotationGroupKey>(groups.Keys);
            foreach (var index in ByName(keys))
                PlanSets(groups[keys[index]].ToArray(), reasons, guards ?? RotationGuards.None, items);
            return new RotationPlan(items);
        }

        /// <summary>
        /// Plans every group found among the set rows <paramref name="rows"/> of a read, without building the sets: a
        /// rotation decides on 100,000 of them. The plan's items are built from the rows when they are enumerated.
        /// </summary>
        internal static RotationPlan PlanRows(SnapshotSetAssembler sets, IReadOnlyList<int> rows, int? keepGenerations, TimeSpan? olderThan, DateTime nowUtc, RotationGuards guards)
        {
            if (!sets.IsSettled) throw new InvalidOperationException("Plan over settled rows only: before, every set would look pending.");
            // Each row's group (the region is the read's), numbered in the order first seen.
            var groups = new Dictionary<RotationGroupKey, int>();
            var keys = new List<RotationGroupKey>();
            var groupOfRow = new int[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                ref readonly var tags = ref sets.Row(rows[i]).Tags;
                var key = new RotationGroupKey(sets.Region, tags.SourceInstance ?? "", tags.Policy ?? "");
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = keys.Count;
                    keys.Add(key);
                }
                groupOfRow[i] = group;
            }
            // The groups by name; each group's rows side by side in one array of candidates (a counting sort).
            var byName = ByName(keys);
            var place = new int[groups.Count];
            for (var p = 0; p < byName.Length; p++) place[byName[p]] = p;
            var starts = new int[groups.Count + 1];
            foreach (var group in groupOfRow) starts[place[group] + 1]++;
            for (var p = 0; p < groups.Count; p++) starts[p + 1] += starts[p];
            var next = (int[])starts.Clone();
            var candidates = new RotationCandidate[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                ref readonly var row = ref sets.Row(rows[i]);
                candidates[next[place[groupOfRow[i]]]++] = new RotationCandidate { Index = rows[i], CreatedAt = row.CreatedAt, State = row.State, Managed = row.Managed };
            }

            var reasons = new ReasonTexts(new RotationRules(keepGenerations, olderThan), olderThan.HasValue ? nowUtc - olderThan.Value : (DateTime?)null);
            var planned = new PlannedRows(sets, rows.Count);
            // Only a set about to be removed is guarded, and only when some guard exists does it need its snapshot ids;
            // a set a guard stops is built to name its snapshots in the set's own order, as the message does for a set.
            Func<int, string?>? guard = guards.IsEmpty ? null : row =>
            {
                if (GuardReason(sets.SnapshotIdsOf(row), sets.Row(row).Image?.ImageId, guards) == null) return null;
                var set = sets.BuildSet(row);
                return GuardReason(set.Snapshots.Select(s => s.SnapshotId), set.ImageId, guards);
            };
            for (var p = 0; p < groups.Count; p++)
                PlanGroup(candidates, starts[p], starts[p + 1] - starts[p], sets.CompareSetIds, reasons, guard, planned.Add);
            return new RotationPlan(planned);
        }

        /// <summary>
        /// The indexes of <paramref name="groups"/> in ordinal order of their names (region/instance/policy); two groups
        /// can share a name when an instance or policy tag holds a '/', so instance, then policy, settle the order.
        /// </summary>
        private static int[] ByName(List<RotationGroupKey> groups)
        {
            var names = groups.ConvertAll(k => k.ToString());
            var order = Enumerable.Range(0, groups.Count).ToArray();
            Array.Sort(order, (a, b) =>
            {
                var byName = string.CompareOrdinal(names[a], names[b]);
                if (byName != 0) return byName;
                var byInstance = string.CompareOrdinal(groups[a].InstanceId, groups[b].InstanceId);
                return byInstance != 0 ? byInstance : string.CompareOrdinal(groups[a].Policy, groups[b].Policy);
            });
            return order;
        }

        private static void PlanSets(SnapshotSet[] members, ReasonTexts reasons, RotationGuards guards, List<RotationItem> items)
        {
            var candidates = new RotationCandidate[members.Length];
            for (var i = 0; i < members.Length; i++)
                candidates[i] = new RotationCandidate { Index = i, CreatedAt = members[i].CreatedAt, State = members[i].State, Managed = members[i].Managed };
            PlanGroup(candidates, 0, members.Length, (a, b) => string.CompareOrdinal(members[a].SetId, members[b].SetId), reasons,
                i => GuardReason(members[i].Snapshots.Select(s => s.SnapshotId), members[i].ImageId, guards),
                (i, decision, reason) => items.Add(new RotationItem(members[i], decision, reason)));
        }

        /// <summary>
        /// The decisions for one group, candidates[start .. start + count), sorted there newest first (same time: by set
        /// id, <paramref name="sameTimeOrder"/> over <see cref="RotationCandidate.Index"/>) and handed to
        /// <paramref name="decided"/> in that order.
        /// </summary>
        /// <param name="guard">Why a set about to be removed must be skipped instead, or null; no guard at all when null.</param>
        // Written without LINQ or per-set dictionaries on purpose: a rotation plans 100,000 sets, and the sorting buffers
        // and generation map of the first version were a third of its planning time.
        [MethodImpl(HotLoop.Optimized)]
        private static void PlanGroup(RotationCandidate[] candidates, int start, int count, Comparison<int> sameTimeOrder,
            ReasonTexts reasons, Func<int, string?>? guard, DecisionSink decided)
        {
            // No two candidates of a group are equal (a set id is one set's), so the unstable sort gives one order.
            Array.Sort(candidates, start, count, new NewestFirst(sameTimeOrder));
            var end = start + count;
            var keep = reasons.Rules.KeepGenerations;
            // The oldest completed set the generation rule keeps; failed sets older than it have served their purpose.
            DateTime? oldestKept = null;
            var completed = 0;
            for (var i = start; i < end; i++)
                if (IsGeneration(candidates[i]) && ++completed == keep) oldestKept = candidates[i].CreatedAt;
            if (!keep.HasValue || completed <= keep.Value) oldestKept = null;

            var generation = 0;
            for (var i = start; i < end; i++)
            {
                ref readonly var candidate = ref candidates[i];
                var decision = Decide(candidate, IsGeneration(candidate) ? ++generation : 0, reasons, oldestKept, out var reason);
                if (decision == RotationDecision.Remove && guard?.Invoke(candidate.Index) is { } guarded)
                {
                    decision = RotationDecision.Skip;
                    reason = guarded;
                }
                decided(candidate.Index, decision, reason);
            }
        }

        private sealed class NewestFirst : IComparer<RotationCandidate>
        {
            private readonly Comparison<int> sameTimeOrder;

            public NewestFirst(Comparison<int> sameTimeOrder) => this.sameTimeOrder = sameTimeOrder;

            [MethodImpl(HotLoop.Optimized)]
            public int Compare(RotationCandidate a, RotationCandidate b)
                => a.CreatedAt != b.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : sameTimeOrder(a.Index, b.Index);
        }

        // An Overfull set is complete data, only duplicated: one generation, and removing it deletes all of its snapshots.
        private static bool IsGeneration(in RotationCandidate candidate)
            => candidate.Managed && (candidate.State == SnapshotSetState.Completed || candidate.State == SnapshotSetState.Overfull);

        /// <summary>No keep rule: the sets named are removed, under the same safety rules except "newest completed is kept".</summary>
        public static RotationPlan PlanDeletion(IEnumerable<SnapshotSet> named, RotationGuards? guards = null)
        {
            var items = new List<RotationItem>();
            foreach (var set in named.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.SetId, StringComparer.Ordinal))
            {
                var item = !set.Managed ? new RotationItem(set, RotationDecision.Skip, NotOursReason)
                    : set.State == SnapshotSetState.Pending ? new RotationItem(set, RotationDecision.Skip, "Pending: a set is never deleted while its snapshots are still being taken.")
                    : new RotationItem(set, RotationDecision.Remove, "Named for deletion.");
                var guarded = item.Decision == RotationDecision.Remove ? GuardReason(set.Snapshots.Select(s => s.SnapshotId), set.ImageId, guards ?? RotationGuards.None) : null;
                items.Add(guarded != null ? new RotationItem(set, RotationDecision.Skip, guarded) : item);
            }
            return new RotationPlan(items);
        }

        /// <param name="generation">The set's place among the group's completed sets, newest first (1…); 0 for any other set.</param>
        [MethodImpl(HotLoop.Optimized)]
        private static RotationDecision Decide(in RotationCandidate set, int generation, ReasonTexts reasons, DateTime? oldestKept, out string reason)
        {
            if (!set.Managed) return Decided(RotationDecision.Skip, NotOursReason, out reason);
            var cutoff = reasons.Cutoff;
            if (set.State == SnapshotSetState.Pending)
                return Decided(RotationDecision.Keep, "Pending: not counted as a generation and never deleted while pending.", out reason);
            if (set.State == SnapshotSetState.Failed)
            {
                if (cutoff.HasValue && set.CreatedAt < cutoff.Value)
                    return Decided(RotationDecision.Remove, reasons.FailedOlderThanCutoff, out reason);
                if (oldestKept.HasValue && set.CreatedAt < oldestKept.Value)
                    return Decided(RotationDecision.Remove, "Failed set older than the oldest kept generation.", out reason);
                return Decided(RotationDecision.Keep, "Failed: not counted as a generation; kept for inspection until it is older than the oldest kept generation.", out reason);
            }
            var keep = reasons.Rules.KeepGenerations;
            if (generation == 1)
                return Decided(RotationDecision.Keep, "Newest completed set: always kept.", out reason);
            if (keep.HasValue && generation > keep.Value)
                return Decided(RotationDecision.Remove, reasons.Get(ReasonTexts.Kind.BeyondKept, generation), out reason);
            if (cutoff.HasValue && set.CreatedAt < cutoff.Value)
                return Decided(RotationDecision.Remove, reasons.Get(ReasonTexts.Kind.OlderThanCutoff, generation), out reason);
            return Decided(RotationDecision.Keep, reasons.Get(keep.HasValue ? ReasonTexts.Kind.WithinKept : ReasonTexts.Kind.NewerThanCutoff, generation), out reason);
        }

        private static RotationDecision Decided(RotationDecision decision, string why, out string reason)
        {
            reason = why;
            return decision;
        }

        /// <summary>Safety rules 5 and 6, which only matter for a set about to be removed: why it is skipped instead, or null.</summary>
        private static string? GuardReason(IEnumerable<string> snapshotIds, string? imageId, RotationGuards guards)
        {
            foreach (var snapshotId in snapshotIds)
            {
                if (guards.OwnedByAwsService.TryGetValue(snapshotId, out var tagKey))
                    return $"{snapshotId} carries the tag {tagKey}: AWS Backup or Data Lifecycle Manager owns it, so it is never touched.";
                if (guards.ImagesUsingSnapshot.TryGetValue(snapshotId, out var images))
                {
                    var foreign = images.Where(id => id != imageId).ToList();
                    if (foreign.Count > 0)
                        return $"{snapshotId} is used by {string.Join(", ", foreign)}, an image outside this set; deregister it first.";
                }
            }
            return null;
        }

        internal static string Format(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }
}
