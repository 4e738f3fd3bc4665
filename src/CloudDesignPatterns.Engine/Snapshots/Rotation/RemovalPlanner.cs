using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>What removing one request would do: the rotation plan -WhatIf prints, in the session that carries it out.</summary>
    public sealed class RemovalPlan
    {
        internal RemovalPlan(Ec2Session session, RotationPlan rotation) { Session = session; Rotation = rotation; }

        /// <summary>The request's region; <see cref="RotationExecutor.ExecuteAsync"/> runs here.</summary>
        public Ec2Session Session { get; }
        public RotationPlan Rotation { get; }

        /// <summary>Each set id named for deletion that nothing carries, as the error to report for it.</summary>
        public IEnumerable<(string SetId, PatternException Error)> NotFound
            => Rotation.NotFound.Select(id => (id, SnapshotSetLookup.NotFound(id, Session.Region)));
    }

    /// <summary>Plan step of Remove-PatternSnapshot for one request: its region, its scope (-Self from instance metadata), then the read and the pure planner.</summary>
    public static class RemovalPlanner
    {
        public static async Task<RemovalPlan> PlanAsync(Ec2Session ec2, RemovalRequest request, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            if (request.Region != null && request.Region != ec2.Region)
            {
                ResourceId.RequireRegionName(request.Region, "Region");
                ec2 = ec2.InRegion(request.Region);
            }
            var scope = new RotationScope { Policy = request.Policy };
            if (request.SetIds.Count > 0) scope.SetIds = request.SetIds.Distinct().ToList();
            else if (request.Groups.Count > 0) scope.Groups = request.Groups.Distinct().ToList();
            else if (request.Self) scope.InstanceIds = new[] { (await SelfInstance.IdentityInRegionAsync(ec2, cancel).ConfigureAwait(false)).InstanceId };
            else if (!request.ByPolicyOnly) scope.InstanceIds = request.InstanceIds.Distinct().ToList();
            var plan = await RotationPlanning.PlanAsync(ec2, scope, request.Rules, DateTime.UtcNow, cancel).ConfigureAwait(false);
            // Verbose, with its time: how long the read and the decisions took is what an operator tunes a large rotation by.
            ec2.Log.Verbose($"Plan in {ec2.Region} ({(request.Rules.IsRotation ? request.Rules.ToString() : "delete the sets named")}): " +
                            $"{plan.Count(RotationDecision.Remove)} to remove, {plan.Count(RotationDecision.Keep)} kept, {plan.Count(RotationDecision.Skip)} skipped; read and planned in " +
                            $"{Seconds(watch.Elapsed)} s, {Seconds(plan.ReadWait)} s of it waiting for EC2.");
            return new RemovalPlan(ec2, plan);
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
