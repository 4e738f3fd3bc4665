using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Pure: decides which sets to keep, remove or skip. The safety rules, in the order they apply:
    /// 1. only sets tagged as ours (Managed) are ever removed;
    /// 2. pending sets are never removed, and neither pending nor failed sets count as a generation;
    /// 3. the newest completed set of a group is always kept;
    /// 4. a set outside either keep rule is removed (a failed set only once it is older than the oldest kept generation
    ///    or the age limit, so a recent failure stays visible);
    /// 5. a set with a snapshot owned by AWS Backup or DLM (aws:backup:* / aws:dlm:* tags) is skipped;
    /// 6. a set with a snapshot that an image outside the set uses is skipped with a warning.
    /// </summary>
    public static class RotationPlanner
    {
        /// <summary>Plans one group (one instance, policy and region): its members, in any order.</summary>
        public static RotationPlan Plan(IEnumerable<SnapshotSet> groupMembers, int? keepGenerations, TimeSpan? olderThan, DateTime nowUtc, RotationGuards? guards = null)
        {
            var rules = new RotationRules(keepGenerations, olderThan);
            var members = groupMembers.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.SetId, StringComparer.Ordinal).ToList();
            var cutoff = olderThan.HasValue ? nowUtc - olderThan.Value : (DateTime?)null;
            var completed = members.Where(s => s.Managed && s.State == SnapshotSetState.Completed).ToList();
            var generationOf = new Dictionary<SnapshotSet, int>();
            for (var i = 0; i < completed.Count; i++) generationOf[completed[i]] = i + 1;
            // The oldest completed set the generation rule keeps; failed sets older than it have served their purpose.
            var oldestKept = rules.KeepGenerations.HasValue && completed.Count > rules.KeepGenerations.Value
                ? completed[rules.KeepGenerations.Value - 1].CreatedAt : (DateTime?)null;

            var items = new List<RotationItem>(members.Count);
            foreach (var set in members)
            {
                var item = Decide(set, generationOf, rules, cutoff, oldestKept);
                items.Add(item.Decision == RotationDecision.Remove ? Guard(item, guards ?? RotationGuards.None) : item);
            }
            return new RotationPlan(items);
        }

        /// <summary>Plans every group found among <paramref name="sets"/> (grouped by region, instance and policy).</summary>
        public static RotationPlan PlanGroups(IEnumerable<SnapshotSet> sets, int? keepGenerations, TimeSpan? olderThan, DateTime nowUtc, RotationGuards? guards = null)
        {
            var items = new List<RotationItem>();
            foreach (var group in sets.GroupBy(RotationGroupKey.Of).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
                items.AddRange(Plan(group, keepGenerations, olderThan, nowUtc, guards).Items);
            return new RotationPlan(items);
        }

        /// <summary>No keep rule: the sets named are removed, under the same safety rules except "newest completed is kept".</summary>
        public static RotationPlan PlanDeletion(IEnumerable<SnapshotSet> named, RotationGuards? guards = null)
        {
            var items = new List<RotationItem>();
            foreach (var set in named.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.SetId, StringComparer.Ordinal))
            {
                var item = !set.Managed ? NotOurs(set)
                    : set.State == SnapshotSetState.Pending ? new RotationItem(set, RotationDecision.Skip, "Pending: a set is never deleted while its snapshots are still being taken.")
                    : new RotationItem(set, RotationDecision.Remove, "Named for deletion.");
                items.Add(item.Decision == RotationDecision.Remove ? Guard(item, guards ?? RotationGuards.None) : item);
            }
            return new RotationPlan(items);
        }

        private static RotationItem Decide(SnapshotSet set, Dictionary<SnapshotSet, int> generationOf, RotationRules rules, DateTime? cutoff, DateTime? oldestKept)
        {
            if (!set.Managed) return NotOurs(set);
            if (set.State == SnapshotSetState.Pending)
                return new RotationItem(set, RotationDecision.Keep, "Pending: not counted as a generation and never deleted while pending.");
            if (set.State == SnapshotSetState.Failed)
            {
                if (cutoff.HasValue && set.CreatedAt < cutoff.Value)
                    return new RotationItem(set, RotationDecision.Remove, $"Failed set older than {Format(cutoff.Value)}.");
                if (oldestKept.HasValue && set.CreatedAt < oldestKept.Value)
                    return new RotationItem(set, RotationDecision.Remove, "Failed set older than the oldest kept generation.");
                return new RotationItem(set, RotationDecision.Keep, "Failed: not counted as a generation; kept for inspection until it is older than the oldest kept generation.");
            }
            var generation = generationOf[set];
            if (generation == 1)
                return new RotationItem(set, RotationDecision.Keep, "Newest completed set: always kept.");
            if (rules.KeepGenerations.HasValue && generation > rules.KeepGenerations.Value)
                return new RotationItem(set, RotationDecision.Remove, $"Generation {generation}, beyond the {rules.KeepGenerations.Value} kept.");
            if (cutoff.HasValue && set.CreatedAt < cutoff.Value)
                return new RotationItem(set, RotationDecision.Remove, $"Generation {generation}, older than {Format(cutoff.Value)}.");
            return new RotationItem(set, RotationDecision.Keep, rules.KeepGenerations.HasValue
                ? $"Generation {generation} of {rules.KeepGenerations.Value}."
                : $"Generation {generation}, newer than {Format(cutoff!.Value)}.");
        }

        /// <summary>Safety rules 5 and 6, which only matter for a set about to be removed.</summary>
        private static RotationItem Guard(RotationItem item, RotationGuards guards)
        {
            foreach (var snapshot in item.Set.Snapshots)
            {
                if (guards.OwnedByAwsService.TryGetValue(snapshot.SnapshotId, out var tagKey))
                    return new RotationItem(item.Set, RotationDecision.Skip, $"{snapshot.SnapshotId} carries the tag {tagKey}: AWS Backup or Data Lifecycle Manager owns it, so it is never touched.");
                if (guards.ImagesUsingSnapshot.TryGetValue(snapshot.SnapshotId, out var images))
                {
                    var foreign = images.Where(id => id != item.Set.ImageId).ToList();
                    if (foreign.Count > 0)
                        return new RotationItem(item.Set, RotationDecision.Skip, $"{snapshot.SnapshotId} is used by {string.Join(", ", foreign)}, an image outside this set; deregister it first.");
                }
            }
            return item;
        }

        private static RotationItem NotOurs(SnapshotSet set)
            => new RotationItem(set, RotationDecision.Skip, "Not tagged cdp:managed-by=CloudDesignPatterns: only the module's own sets are removed.");

        private static string Format(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }
}
