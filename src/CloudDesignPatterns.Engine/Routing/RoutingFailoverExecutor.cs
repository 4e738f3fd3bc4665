using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>
    /// Carries out an approved plan: source/dest check off and every table switched, all concurrently (one round trip);
    /// a table that fails does not hold up or stop the others. Then one read-back of every table decides each row: a
    /// call whose answer was lost but whose change took effect counts as switched, a call that succeeded but does not
    /// show counts as failed. Mutating calls are not retried blindly after a dropped connection (that is what the
    /// read-back is for); throttling and server errors are retried by the runner.
    /// </summary>
    public static class RoutingFailoverExecutor
    {
        private static readonly TimeSpan ReadBackPatience = TimeSpan.FromSeconds(5);

        /// <param name="approved">The tables the user agreed to change (ShouldProcess); others with a change are left out of the result.</param>
        /// <param name="disableSourceDestCheck">Whether to turn source/dest check off (planned and agreed to).</param>
        public static async Task<RoutingFailoverOutcome> ExecuteAsync(Ec2Session ec2, RoutingFailoverPlan plan, ISet<string> approved,
            bool disableSourceDestCheck, Stopwatch elapsed, CancellationToken cancel)
        {
            var tables = plan.Tables.Where(t => !IsChange(t) || approved.Contains(t.RouteTableId)).ToList();
            var changes = tables.Where(IsChange).ToList();
            var activity = Math.Abs(plan.VirtualIp.Cidr.GetHashCode() % 10000) + 1;
            var title = $"Failing {plan.VirtualIp} over to {plan.Target.Describe()}";
            if (changes.Count > 0) ec2.Log.Progress(activity, title, $"Switching {changes.Count} route table(s)", 0);

            var sourceDestCheck = disableSourceDestCheck ? DisableSourceDestCheckAsync(ec2, plan.Target, cancel) : Task.FromResult<PatternException?>(null);
            var done = 0;
            var calls = changes.Select(async t =>
            {
                var outcome = await SwitchAsync(ec2, plan, t, cancel).ConfigureAwait(false);
                var n = Interlocked.Increment(ref done);
                ec2.Log.Progress(activity, title, $"{n} of {changes.Count} route table(s) answered", 100 * n / Math.Max(1, changes.Count));
                return (t.RouteTableId, outcome);
            }).ToList();
            var answered = (await Task.WhenAll(calls).ConfigureAwait(false)).ToDictionary(c => c.RouteTableId, c => c.outcome);
            var sourceDestError = await sourceDestCheck.ConfigureAwait(false);
            // The interface is read back beside the tables: a call that answered OK is not proof the check is off.
            var interfaceReadBack = disableSourceDestCheck && sourceDestError == null
                ? ReadBackSourceDestCheckAsync(ec2, plan.Target, cancel) : Task.FromResult<bool?>(null);

            var current = changes.Count == 0 ? null : await ReadBackAsync(ec2, plan, tables, answered, cancel).ConfigureAwait(false);
            var checkNow = await interfaceReadBack.ConfigureAwait(false);
            if (changes.Count > 0) ec2.Log.Progress(activity, title, "Verified", 100, completed: true);
            var sourceDestFailure = sourceDestError ?? (checkNow == true ? new PatternException("SourceDestCheckNotVerified", PatternErrorCategory.InvalidData,
                $"{plan.Target.NetworkInterfaceId}: EC2 accepted turning source/dest check off, but it reads back as on.") : null);
            if (sourceDestFailure != null)
                sourceDestFailure = new PatternException(sourceDestFailure.ErrorId, sourceDestFailure.Category,
                    $"Source/dest check is still on at {plan.Target.NetworkInterfaceId}: {sourceDestFailure.Message} " +
                    "The routes were switched, but the node drops traffic for the virtual IP until it is off.", sourceDestFailure.AwsErrorCode, inner: sourceDestFailure);

            var result = new RoutingFailoverResult
            {
                VirtualIp = plan.VirtualIp.Address,
                DestinationCidrBlock = plan.VirtualIp.Cidr,
                Region = plan.Region,
                VpcId = plan.VpcId,
                InstanceId = plan.Target.InstanceId,
                NetworkInterfaceId = plan.Target.NetworkInterfaceId,
                SourceDestCheckDisabled = disableSourceDestCheck && sourceDestFailure == null,
                // As read back after a change; otherwise as the preflight saw it.
                SourceDestCheck = checkNow ?? (plan.Target.SourceDestCheck && !(disableSourceDestCheck && sourceDestFailure == null)),
                SourceDestCheckErrorId = sourceDestFailure?.ErrorId,
                Tables = tables.Select(t => Row(plan, t, answered.TryGetValue(t.RouteTableId, out var a) ? a : null, current)).ToArray(),
                ElapsedMilliseconds = elapsed.ElapsedMilliseconds,
            };
            var failures = result.Tables.Where(r => r.Outcome == RouteSwitchOutcome.Failed)
                .Select(r => (r.RouteTableId, Failure(r, answered.TryGetValue(r.RouteTableId, out var a) ? a.Error : null))).ToList();
            if (sourceDestFailure != null) failures.Insert(0, (plan.Target.NetworkInterfaceId, sourceDestFailure));
            return new RoutingFailoverOutcome(result, failures);
        }

        /// <summary>A failed row as an error the cmdlet writes: the call's own error when it has one.</summary>
        private static PatternException Failure(RouteTableSwitch row, PatternException? callError)
        {
            if (callError != null && callError.ErrorId == row.ErrorId) return callError;
            var category = row.ErrorId == "RouteMissing" ? PatternErrorCategory.ObjectNotFound : PatternErrorCategory.InvalidData;
            return new PatternException(row.ErrorId!, category, row.ErrorMessage!, row.ErrorCode, inner: callError);
        }

        private static bool IsChange(PlannedRouteSwitch t) => t.Action == PlannedRouteAction.Replace || t.Action == PlannedRouteAction.Create;

        /// <summary>How a switch call ended: answered OK, answered with an error, or lost (the outcome unknown).</summary>
        private sealed class CallOutcome
        {
            public PatternException? Error { get; set; }
            public bool Unknown => Error?.OutcomeUnknown == true;
        }

        private static async Task<CallOutcome> SwitchAsync(Ec2Session ec2, RoutingFailoverPlan plan, PlannedRouteSwitch table, CancellationToken cancel)
        {
            try
            {
                if (table.Action == PlannedRouteAction.Create)
                    await ec2.CallAsync("CreateRoute", table.RouteTableId, false, (c, ct) => c.CreateRouteAsync(new CreateRouteRequest
                    {
                        RouteTableId = table.RouteTableId,
                        DestinationCidrBlock = plan.VirtualIp.Cidr,
                        NetworkInterfaceId = plan.Target.NetworkInterfaceId,
                    }, ct), cancel).ConfigureAwait(false);
                else
                    // Idempotent: replacing a route with the same target twice leaves it as once, so a 5xx or a dropped
                    // answer is retried (found by a GameDay drill: one 503 used to fail the whole failover).
                    await ec2.CallAsync("ReplaceRoute", table.RouteTableId, true, (c, ct) => c.ReplaceRouteAsync(new ReplaceRouteRequest
                    {
                        RouteTableId = table.RouteTableId,
                        DestinationCidrBlock = plan.VirtualIp.Cidr,
                        NetworkInterfaceId = plan.Target.NetworkInterfaceId,
                    }, ct), cancel).ConfigureAwait(false);
                return new CallOutcome();
            }
            catch (PatternException error)
            {
                return new CallOutcome { Error = error };
            }
        }

        private static async Task<PatternException?> DisableSourceDestCheckAsync(Ec2Session ec2, TargetFacts target, CancellationToken cancel)
        {
            try
            {
                // Safe to repeat, so a lost answer is simply retried.
                await ec2.CallAsync("ModifyNetworkInterfaceAttribute", target.NetworkInterfaceId, true, (c, ct) => c.ModifyNetworkInterfaceAttributeAsync(
                    new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = target.NetworkInterfaceId, SourceDestCheck = false }, ct), cancel).ConfigureAwait(false);
                return null;
            }
            catch (PatternException error) { return error; }
        }

        /// <summary>Source/dest check as the interface shows it now; null when it cannot be read (warned, unverified).</summary>
        private static async Task<bool?> ReadBackSourceDestCheckAsync(Ec2Session ec2, TargetFacts target, CancellationToken cancel)
        {
            try
            {
                var read = await Poller.LastReadAsync(ct => RoutingReader.DescribeInterfaceAsync(ec2, target.NetworkInterfaceId, ct),
                    facts => !facts.SourceDestCheck, ReadBackPatience, cancel).ConfigureAwait(false);
                return read.SourceDestCheck;
            }
            catch (PatternException error)
            {
                ec2.Log.Warning($"Source/dest check on {target.NetworkInterfaceId} could not be read back ({error.Message}); it is reported off, unverified.");
                return null;
            }
        }

        /// <summary>
        /// One describe of every table; polled briefly (EC2 is eventually consistent) only while a table whose call
        /// succeeded or was lost does not show the target yet.
        /// </summary>
        private static async Task<Dictionary<string, RouteTableFacts>?> ReadBackAsync(Ec2Session ec2, RoutingFailoverPlan plan,
            IReadOnlyList<PlannedRouteSwitch> tables, IReadOnlyDictionary<string, CallOutcome> answered, CancellationToken cancel)
        {
            var ids = tables.Select(t => t.RouteTableId).ToList();
            var awaited = answered.Where(a => a.Value.Error == null || a.Value.Unknown).Select(a => a.Key).ToList();
            try
            {
                var read = await Poller.LastReadAsync(
                    ct => RoutingReader.DescribeRouteTablesAsync(ec2, plan.VirtualIp, ids, ct),
                    facts => awaited.All(id => RoutingFailoverPlanner.PointsAt(facts.FirstOrDefault(f => f.RouteTableId == id)?.Route, plan.Target)),
                    ReadBackPatience, cancel).ConfigureAwait(false);
                return read.ToDictionary(f => f.RouteTableId);
            }
            catch (PatternException error)
            {
                ec2.Log.Warning($"The route tables could not be read back ({error.Message}); each row reports what its call answered, unverified.");
                return null;
            }
        }

        private static RouteTableSwitch Row(RoutingFailoverPlan plan, PlannedRouteSwitch table, CallOutcome? call, Dictionary<string, RouteTableFacts>? current)
        {
            var row = new RouteTableSwitch
            {
                RouteTableId = table.RouteTableId,
                PreviousTarget = table.Previous?.Describe(),
                PreviousNetworkInterfaceId = table.Previous?.NetworkInterfaceId,
                PreviousInstanceId = table.Previous?.InstanceId,
            };
            // Without a read-back (nothing changed, or it failed) the row shows the route as last known.
            var route = current != null
                ? (current.TryGetValue(table.RouteTableId, out var f) ? f.Route : null)
                : call == null || call.Error != null ? table.Previous : null;
            var verified = current != null;
            if (current == null && call != null && call.Error == null)
                route = new RouteFacts { NetworkInterfaceId = plan.Target.NetworkInterfaceId, InstanceId = plan.Target.InstanceId };
            row.NetworkInterfaceId = route?.NetworkInterfaceId;
            row.State = route?.State;
            var atTarget = RoutingFailoverPlanner.PointsAt(route, plan.Target);
            var success = table.Action == PlannedRouteAction.Create ? RouteSwitchOutcome.Created : RouteSwitchOutcome.Switched;

            switch (table.Action)
            {
                case PlannedRouteAction.Refuse:
                    return Fail(row, table.RefusalId!, null, table.RefusalMessage!);
                case PlannedRouteAction.None:
                    row.Outcome = RouteSwitchOutcome.AlreadyCurrent;
                    return row;
            }
            if (call!.Error == null)
            {
                if (!verified || atTarget) { row.Outcome = success; return row; }
                return Fail(row, "RouteNotVerified", null,
                    $"{table.RouteTableId}: EC2 accepted the change, but the route for {plan.VirtualIp.Cidr} reads back as {route?.Describe() ?? "missing"}.");
            }
            // A lost answer, or a create repeated after one (RouteAlreadyExists): the read-back decides.
            var settledByReadBack = call.Unknown || (table.Action == PlannedRouteAction.Create && call.Error.AwsErrorCode == "RouteAlreadyExists");
            if (settledByReadBack && verified && atTarget)
            {
                row.Outcome = success;
                return row;
            }
            return Fail(row, call.Error.ErrorId, call.Error.AwsErrorCode, call.Error.Message);
        }

        private static RouteTableSwitch Fail(RouteTableSwitch row, string errorId, string? code, string message)
        {
            row.Outcome = RouteSwitchOutcome.Failed;
            row.ErrorId = errorId;
            row.ErrorCode = code;
            row.ErrorMessage = message;
            return row;
        }
    }
}
