using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// What one Remove-PatternSnapshot call asks in one region under one keep rule, gathered from the pipeline:
    /// sets to delete, groups (from piped sets), instances, this instance, or every instance with sets of a policy.
    /// </summary>
    public sealed class RemovalRequest
    {
        internal RemovalRequest(string? region, RotationRules rules) { Region = region; Rules = rules; }

        /// <summary>Null: the command's region.</summary>
        public string? Region { get; }
        public RotationRules Rules { get; }
        public List<string> SetIds { get; } = new List<string>();
        public List<RotationGroupKey> Groups { get; } = new List<RotationGroupKey>();
        public List<string> InstanceIds { get; } = new List<string>();
        public string? Policy { get; internal set; }
        public bool Self { get; internal set; }
        public bool ByPolicyOnly { get; internal set; }

        /// <summary>Every id it was given was malformed (each already reported): an empty list must never widen into "every instance".</summary>
        public bool NamesNothing => !Self && !ByPolicyOnly && SetIds.Count == 0 && Groups.Count == 0 && InstanceIds.Count == 0;
    }

    /// <summary>
    /// The requests of one Remove-PatternSnapshot call, merged by region, rules and kind so piped input makes one plan
    /// per region and rule, not one per object. Refuses, before any AWS call, a keep rule where it has no meaning.
    /// </summary>
    public sealed class RemovalRequests : IEnumerable<RemovalRequest>
    {
        private readonly Dictionary<string, RemovalRequest> requests = new Dictionary<string, RemovalRequest>(StringComparer.Ordinal);

        /// <summary>The keep rules; <paramref name="groupsBy"/> (a parameter naming groups, such as -InstanceId) needs one.</summary>
        public static RotationRules Rules(int? keepGenerations, TimeSpan? olderThan, string? groupsBy)
        {
            var rules = new RotationRules(keepGenerations, olderThan);
            if (!rules.IsRotation && groupsBy != null)
                throw new PatternException("KeepRuleRequired", PatternErrorCategory.InvalidArgument,
                    $"-{groupsBy} names groups to rotate: give -KeepGenerations and/or -OlderThan (to delete particular sets, pass them or their -SetId).");
            return rules;
        }

        /// <summary>Piped sets: deleted as given, or, under a keep rule, the groups they belong to.</summary>
        public void AddSets(IEnumerable<SnapshotSet> sets, RotationRules rules)
        {
            foreach (var set in sets)
            {
                var request = For(set.Region, rules, "sets");
                if (rules.IsRotation) request.Groups.Add(RotationGroupKey.Of(set));
                else request.SetIds.Add(set.SetId);
            }
        }

        /// <summary>-SetId deletes the set named: its form is checked, and a keep rule is refused.</summary>
        public void AddSetId(string setId, RotationRules rules)
        {
            var valid = SnapshotSetId.Require(setId, "SetId");
            if (rules.IsRotation)
                throw new PatternException("SetIdWithKeepRule", PatternErrorCategory.InvalidArgument,
                    "-SetId deletes the sets named; to rotate, pipe sets or give -InstanceId, -Self or -Policy with the keep rule.");
            For(null, rules, "sets").SetIds.Add(valid);
        }

        /// <summary>Instances already checked for form; with a policy, only that policy's groups.</summary>
        public void AddInstances(IEnumerable<string> validInstanceIds, string? policy, RotationRules rules)
            => For(null, rules, "instances|" + policy, policy).InstanceIds.AddRange(validInstanceIds);

        public void AddSelf(string? policy, RotationRules rules) => For(null, rules, "self|" + policy, policy).Self = true;

        /// <summary>Every instance that has sets of <paramref name="policy"/>.</summary>
        public void AddPolicy(string? policy, RotationRules rules) => For(null, rules, "policy|" + policy, policy).ByPolicyOnly = true;

        private RemovalRequest For(string? region, RotationRules rules, string kind, string? policy = null)
        {
            var key = $"{region}|{rules.KeepGenerations}|{rules.OlderThan}|{kind}";
            if (!requests.TryGetValue(key, out var request))
                requests[key] = request = new RemovalRequest(string.IsNullOrEmpty(region) ? null : region, rules) { Policy = policy };
            return request;
        }

        public IEnumerator<RemovalRequest> GetEnumerator() => requests.Values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
