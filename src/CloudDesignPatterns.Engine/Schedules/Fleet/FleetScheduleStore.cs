using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Backends;
using CloudDesignPatterns.Engine.Schedules.Expressions;
using CloudDesignPatterns.Engine.Ssm;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Fleet
{
    /// <summary>A planned fleet registration: create, update (-Force) or nothing, and how many instances the tag selects now.</summary>
    public sealed class FleetSchedulePlan
    {
        public FleetJobDefinition Job { get; set; } = new FleetJobDefinition();
        public ScheduleAction Action { get; set; }
        public string? AssociationId { get; set; }
        public FleetJobDefinition? Existing { get; set; }
        public IReadOnlyList<string> TargetInstances { get; set; } = Array.Empty<string>();
    }

    /// <summary>
    /// Fleet schedules as State Manager associations named cdp-&lt;job&gt;: plan (every input check, then look for the
    /// association and the instances the tag selects) → create or update → read back. Every refusal happens in Plan,
    /// before anything is created.
    /// </summary>
    public static class FleetScheduleStore
    {
        /// <summary>The checks that need no AWS call; Register-PatternSchedule runs them before it resolves credentials.</summary>
        public static void ValidateInput(FleetJobDefinition job)
        {
            job.Validate();
            var expression = ScheduleExpressionParser.Parse(job.Schedule);
            job.Schedule = expression.Text;
            BackendLimits.Check(expression, ScheduleBackend.StateManager);
            FleetJobScript.Render(job);
        }

        public static async Task<FleetSchedulePlan> PlanAsync(SsmSession ssm, Ec2Session ec2, FleetJobDefinition job, bool force, CancellationToken cancel)
        {
            ValidateInput(job);
            var plan = new FleetSchedulePlan { Job = job, Action = ScheduleAction.Created };
            var existing = await FindAsync(ssm, job.Name, cancel).ConfigureAwait(false);
            if (existing != null)
            {
                plan.AssociationId = existing.Value.Id;
                plan.Existing = FleetAssociationJson.Job(existing.Value.Description);
                if (plan.Existing == null)
                    throw new PatternException("ScheduleExistsWithOtherDefinition", PatternErrorCategory.ResourceExists,
                        $"State Manager association {existing.Value.Id} is named {job.AssociationName} but was not written by Register-PatternSchedule; " +
                        "rename or delete it, or register this job under another -Name.");
                if (plan.Existing.SameDefinition(job))
                {
                    // Same job, but the association still runs at once on changes (made before the module set the flag): fix that, no -Force needed.
                    if (plan.Existing.AppliesOnlyAtCronInterval == job.RunsOnlyAtCronTimes) { plan.Action = ScheduleAction.Unchanged; return plan; }
                    plan.Action = ScheduleAction.Updated;
                }
                else
                {
                    if (!force)
                        throw new PatternException("ScheduleExistsWithOtherDefinition", PatternErrorCategory.ResourceExists,
                            $"Fleet job '{job.Name}' (association {existing.Value.Id}) exists with another definition ({job.Differences(plan.Existing)}). " +
                            "Add -Force to update the association, or register this one under another -Name.");
                    plan.Action = ScheduleAction.Updated;
                }
            }
            plan.TargetInstances = await TargetInstancesAsync(ec2, job, cancel).ConfigureAwait(false);
            if (plan.TargetInstances.Count == 0)
                throw new PatternException("TargetSelectsNothing", PatternErrorCategory.ObjectNotFound,
                    $"-TargetTag '{job.TargetTag}' selects no instance in {ec2.Region} (none pending, running or stopped carries " +
                    $"{(job.TagValue == null ? "the tag " + job.TagKey : job.TagKey + " = " + job.TagValue)}); nothing was created. Tag the instances first, or check the region.");
            return plan;
        }

        /// <summary>Creates or updates the association, then reads it back: what Get-PatternSchedule will see is what was planned.</summary>
        public static async Task<PatternSchedule> ApplyAsync(SsmSession ssm, FleetSchedulePlan plan, CancellationToken cancel)
        {
            var id = plan.AssociationId;
            if (plan.Action == ScheduleAction.Created)
            {
                var created = await ssm.CallAsync("CreateAssociation", plan.Job.AssociationName, FleetAssociationJson.CreateRequest(plan.Job), cancel).ConfigureAwait(false);
                id = FleetAssociationJson.Str(created["AssociationDescription"] as JsonObject, "AssociationId")
                     ?? throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData, "CreateAssociation answered without an AssociationId.");
            }
            else if (plan.Action == ScheduleAction.Updated)
            {
                await ssm.CallAsync("UpdateAssociation", id!, FleetAssociationJson.UpdateRequest(plan.Job, id!), cancel).ConfigureAwait(false);
            }
            var description = await DescribeAsync(ssm, id!, cancel).ConfigureAwait(false);
            var readBack = FleetAssociationJson.Job(description);
            if (readBack != null && readBack.SameDefinition(plan.Job) && readBack.AppliesOnlyAtCronInterval != plan.Job.RunsOnlyAtCronTimes)
                throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData,
                    $"Association {id} (fleet job '{plan.Job.Name}') reads back with ApplyOnlyAtCronInterval {readBack.AppliesOnlyAtCronInterval}, not {plan.Job.RunsOnlyAtCronTimes}.");
            if (readBack == null || !readBack.SameDefinition(plan.Job))
                throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData,
                    $"Read back after {plan.Action.ToString().ToLowerInvariant()} fleet job '{plan.Job.Name}', association {id} differs from what was sent" +
                    (readBack == null ? " (its commands carry no job declaration)." : $": {plan.Job.Differences(readBack)}."));
            var schedule = FleetAssociationJson.Schedule(readBack, id!, ssm.Region);
            schedule.Action = plan.Action;
            return schedule;
        }

        /// <summary>
        /// Our associations (named cdp-…) whose job name matches, each with its last run per instance unless
        /// <paramref name="withLastRun"/> is false (Unregister needs only the association, and no run-output permission).
        /// </summary>
        public static async Task<List<PatternSchedule>> ReadAsync(SsmSession ssm, Func<string, bool> nameMatches, CancellationToken cancel, bool withLastRun = true)
        {
            var request = new JsonObject
            {
                ["AssociationFilterList"] = new JsonArray(new JsonObject { ["key"] = "Name", ["value"] = FleetAssociationJson.Document }),
                ["MaxResults"] = 50,
            };
            var listed = await ssm.CallPagesAsync("ListAssociations", FleetAssociationJson.Document, request, "Associations", cancel).ConfigureAwait(false);
            var schedules = new List<PatternSchedule>();
            foreach (var item in listed)
            {
                var associationName = FleetAssociationJson.Str(item, "AssociationName") ?? "";
                if (!associationName.StartsWith(FleetJobDefinition.AssociationPrefix, StringComparison.Ordinal)) continue;
                if (!nameMatches(associationName.Substring(FleetJobDefinition.AssociationPrefix.Length))) continue;
                var id = FleetAssociationJson.Str(item, "AssociationId") ?? "";
                var job = FleetAssociationJson.Job(await DescribeAsync(ssm, id, cancel).ConfigureAwait(false));
                if (job == null) continue; // named like ours, written by someone else
                var schedule = FleetAssociationJson.Schedule(job, id, ssm.Region);
                schedule.Action = ScheduleAction.Registered;
                if (withLastRun) await AddLastRunAsync(ssm, schedule, cancel).ConfigureAwait(false);
                schedules.Add(schedule);
            }
            return schedules;
        }

        /// <summary>Deletes the association, then reads back that State Manager no longer has it.</summary>
        public static async Task<PatternSchedule> RemoveAsync(SsmSession ssm, PatternSchedule schedule, CancellationToken cancel)
        {
            var id = schedule.AssociationId!;
            await ssm.CallAsync("DeleteAssociation", id, new JsonObject { ["AssociationId"] = id }, cancel).ConfigureAwait(false);
            try
            {
                await DescribeAsync(ssm, id, cancel).ConfigureAwait(false);
                throw new PatternException("ScheduleVerifyFailed", PatternErrorCategory.InvalidData,
                    $"Association {id} (fleet job '{schedule.Name}') is still there after DeleteAssociation.");
            }
            catch (PatternException gone) when (gone.AwsErrorCode == "AssociationDoesNotExist") { }
            schedule.Action = ScheduleAction.Removed;
            return schedule;
        }

        /// <summary>
        /// The latest execution, one record per target instance of it, and each instance's exit code and summary line from
        /// its Run Command invocation. GetCommandInvocation takes no resource-level permission (it reads any command's
        /// output), so only the ScheduleReader role has it: without it the records keep State Manager's status alone and
        /// one warning says why.
        /// </summary>
        private static async Task AddLastRunAsync(SsmSession ssm, PatternSchedule schedule, CancellationToken cancel)
        {
            var id = schedule.AssociationId!;
            var executions = await ssm.CallAsync("DescribeAssociationExecutions", id,
                new JsonObject { ["AssociationId"] = id, ["MaxResults"] = 1 }, cancel).ConfigureAwait(false);
            var last = (executions["AssociationExecutions"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().FirstOrDefault();
            if (last == null) return;
            var executionId = FleetAssociationJson.Str(last, "ExecutionId") ?? "";
            schedule.LastRunStatus = FleetAssociationJson.Str(last, "Status");
            schedule.LastRunAt = FleetAssociationJson.Time(last["CreatedTime"]);
            var targets = await ssm.CallPagesAsync("DescribeAssociationExecutionTargets", id,
                new JsonObject { ["AssociationId"] = id, ["ExecutionId"] = executionId, ["MaxResults"] = 50 }, "AssociationExecutionTargets", cancel).ConfigureAwait(false);
            schedule.LastRun = targets.Select(FleetAssociationJson.InstanceRun).ToArray();
            foreach (var run in schedule.LastRun.Where(r => r.CommandId != null))
            {
                JsonObject invocation;
                try
                {
                    invocation = await ssm.CallAsync("GetCommandInvocation", run.InstanceId,
                        new JsonObject { ["CommandId"] = run.CommandId, ["InstanceId"] = run.InstanceId }, cancel).ConfigureAwait(false);
                }
                catch (PatternException denied) when (denied.Category == PatternErrorCategory.PermissionDenied)
                {
                    ssm.Log.Warning($"Fleet job '{schedule.Name}': no exit codes or summary lines, as ssm:GetCommandInvocation was denied " +
                                    "(the ScheduleReader role has it; Schedule does not). The records show State Manager's status only.");
                    return;
                }
                catch (PatternException gone) when (gone.AwsErrorCode == "InvocationDoesNotExist" || gone.AwsErrorCode == "InvalidCommandId")
                {
                    run.Error ??= $"Run Command no longer has command {run.CommandId}'s output on {run.InstanceId} (it keeps it 30 days).";
                    continue;
                }
                FleetAssociationJson.AddInvocation(run, invocation);
            }
        }

        private static async Task<(string Id, JsonObject Description)?> FindAsync(SsmSession ssm, string name, CancellationToken cancel)
        {
            var associationName = FleetJobDefinition.AssociationPrefix + name;
            var request = new JsonObject { ["AssociationFilterList"] = new JsonArray(new JsonObject { ["key"] = "AssociationName", ["value"] = associationName }) };
            var listed = await ssm.CallPagesAsync("ListAssociations", associationName, request, "Associations", cancel).ConfigureAwait(false);
            var match = listed.FirstOrDefault(a => FleetAssociationJson.Str(a, "AssociationName") == associationName);
            if (match == null) return null;
            var id = FleetAssociationJson.Str(match, "AssociationId") ?? "";
            return (id, await DescribeAsync(ssm, id, cancel).ConfigureAwait(false));
        }

        private static async Task<JsonObject> DescribeAsync(SsmSession ssm, string id, CancellationToken cancel)
        {
            var answer = await ssm.CallAsync("DescribeAssociation", id, new JsonObject { ["AssociationId"] = id }, cancel).ConfigureAwait(false);
            return answer["AssociationDescription"] as JsonObject ?? new JsonObject();
        }

        /// <summary>The instances the tag selects now (terminated ones never run a command).</summary>
        private static async Task<IReadOnlyList<string>> TargetInstancesAsync(Ec2Session ec2, FleetJobDefinition job, CancellationToken cancel)
        {
            var tagFilter = job.TagValue == null
                ? new Filter("tag-key", new List<string> { job.TagKey })
                : new Filter("tag:" + job.TagKey, new List<string> { job.TagValue });
            var states = new Filter("instance-state-name", new List<string> { "pending", "running", "stopping", "stopped" });
            var reservations = await ec2.CallPagesAsync("DescribeInstances", job.TargetTag,
                (c, next, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = new List<Filter> { tagFilter, states }, MaxResults = 1000, NextToken = next }, ct),
                page => page.Reservations, page => page.NextToken, cancel).ConfigureAwait(false);
            return reservations.SelectMany(r => r.Instances ?? new List<Amazon.EC2.Model.Instance>()).Select(i => i.InstanceId).ToList();
        }
    }
}
