using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>Plan step of Remove-PatternSnapshot in one region: read (describes only), then the pure planner.</summary>
    public static class RotationPlanning
    {
        public static async Task<RotationPlan> PlanAsync(Ec2Session ec2, RotationScope scope, RotationRules rules, DateTime nowUtc, CancellationToken cancel)
        {
            var read = await RotationReader.ReadAsync(ec2, scope, cancel).ConfigureAwait(false);
            if (rules.IsRotation)
                return RotationPlanner.PlanRows(read.Sets, read.InScope, rules.KeepGenerations, rules.OlderThan, nowUtc, read.Guards).WaitedForEc2(read.WaitedForEc2);
            var named = read.BuildSets();
            var plan = RotationPlanner.PlanDeletion(named, read.Guards);
            var found = new HashSet<string>(named.Select(s => s.SetId), StringComparer.Ordinal);
            return new RotationPlan(plan.Items, (scope.SetIds ?? new string[0]).Where(id => !found.Contains(id)).Distinct().ToList()).WaitedForEc2(read.WaitedForEc2);
        }
    }
}
