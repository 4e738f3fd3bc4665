using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Fleet
{
    /// <summary>
    /// The mapping between a fleet job and State Manager's JSON: the CreateAssociation/UpdateAssociation request, and
    /// an AssociationDescription or execution-target record back to our types. Pure, so it is unit-tested without a service.
    /// </summary>
    public static class FleetAssociationJson
    {
        public const string Document = "AWS-RunPowerShellScript";

        /// <summary>tag:key=value selects by value; tag-key selects every instance carrying the key, as State Manager spells them.</summary>
        public static JsonArray Targets(FleetJobDefinition job)
            => new JsonArray(new JsonObject
            {
                ["Key"] = job.TagValue == null ? "tag-key" : "tag:" + job.TagKey,
                ["Values"] = new JsonArray(job.TagValue ?? job.TagKey),
            });

        /// <summary>
        /// A cron association runs only at its times (ApplyOnlyAtCronInterval), not also at once when it is created, so
        /// registering a nightly backup does not back the fleet up at noon. State Manager takes the flag for cron
        /// expressions only; a rate association always runs once at creation.
        /// </summary>
        public static JsonObject CreateRequest(FleetJobDefinition job)
        {
            var request = new JsonObject
            {
                ["Name"] = Document,
                ["AssociationName"] = job.AssociationName,
                ["Targets"] = Targets(job),
                ["ScheduleExpression"] = job.Schedule,
                ["Parameters"] = new JsonObject { ["commands"] = new JsonArray(FleetJobScript.Render(job).Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()) },
                ["MaxConcurrency"] = job.MaxConcurrency,
                ["MaxErrors"] = job.MaxErrors,
            };
            if (job.RunsOnlyAtCronTimes) request["ApplyOnlyAtCronInterval"] = true;
            return request;
        }

        /// <summary>The flag is sent either way on update: a cron job turned into a rate must clear it (a rate cannot take it).</summary>
        public static JsonObject UpdateRequest(FleetJobDefinition job, string associationId)
        {
            var request = CreateRequest(job);
            request.Remove("Name");
            request["AssociationId"] = associationId;
            request["ApplyOnlyAtCronInterval"] = job.RunsOnlyAtCronTimes;
            return request;
        }

        /// <summary>The job an association describes, or null when it is not one of ours (no declaration in its commands).</summary>
        public static FleetJobDefinition? Job(JsonObject description)
        {
            var commands = (description["Parameters"]?["commands"] as JsonArray ?? new JsonArray()).Select(c => c?.ToString() ?? "").ToList();
            var job = FleetJobScript.Read(commands);
            if (job == null) return null;
            var target = (description["Targets"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().FirstOrDefault();
            var key = Str(target, "Key") ?? "";
            var value = (target?["Values"] as JsonArray)?.FirstOrDefault()?.ToString() ?? "";
            job.TargetTag = key == "tag-key" ? value : key.StartsWith("tag:", StringComparison.Ordinal) ? key.Substring(4) + "=" + value : key + "=" + value;
            job.Schedule = Str(description, "ScheduleExpression") ?? job.Schedule;
            job.MaxConcurrency = Str(description, "MaxConcurrency") ?? "";
            job.MaxErrors = Str(description, "MaxErrors") ?? "";
            job.AppliesOnlyAtCronInterval = description["ApplyOnlyAtCronInterval"] is JsonValue flag && flag.TryGetValue<bool>(out var only) && only;
            return job;
        }

        public static PatternSchedule Schedule(FleetJobDefinition job, string associationId, string region) => new PatternSchedule
        {
            Name = job.Name, Pattern = job.Pattern, Command = job.Command.Trim(), Schedule = job.Schedule, Scope = ScheduleScope.Fleet,
            Backend = ScheduleBackend.StateManager, BackendSchedule = job.Schedule, Region = region, AssociationId = associationId,
            TargetTag = job.TargetTag, MaxConcurrency = job.MaxConcurrency, MaxErrors = job.MaxErrors, ModuleSource = job.ModuleSource,
        };

        /// <summary>
        /// One instance's record of a run, as DescribeAssociationExecutionTargets gives it: the status, and where the
        /// output is (OutputSource: a Run Command command id). State Manager puts no exit code or output here; they come
        /// from that command's invocation on the instance (<see cref="AddInvocation"/>). Until then a success counts as exit 0.
        /// </summary>
        public static FleetInstanceRun InstanceRun(JsonObject target)
        {
            var source = target["OutputSource"] as JsonObject;
            var status = Str(target, "Status") ?? "";
            return new FleetInstanceRun
            {
                InstanceId = Str(target, "ResourceId") ?? "", Status = status, Summary = "",
                ExecutionId = Str(target, "ExecutionId") ?? "", FinishedAt = Time(target["LastExecutionDate"]),
                CommandId = Str(source, "OutputSourceType") == "RunCommand" ? Str(source, "OutputSourceId") : null,
                ExitCode = status == "Success" ? 0 : (int?)null,
                Error = status == "Success" || status == "Failed" ? null : Str(target, "DetailedStatus"),
            };
        }

        /// <summary>
        /// The GetCommandInvocation answer into the record: ResponseCode is the job's exit code (-1 while it runs or when
        /// the agent never started it), the summary line is the last {"type":"summary"…} line of the stdout, and its
        /// errorId/error say why a run failed; without one, the last line of stderr (or the status details) does.
        /// </summary>
        public static void AddInvocation(FleetInstanceRun run, JsonObject invocation)
        {
            run.ExitCode = invocation["ResponseCode"] is JsonValue code && code.TryGetValue<int>(out var c) && c >= 0 ? c : (int?)null;
            if (DateTime.TryParse(Str(invocation, "ExecutionStartDateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started))
                run.StartedAt = started;
            var stdout = Lines(Str(invocation, "StandardOutputContent"));
            var summary = stdout.LastOrDefault(l => l.StartsWith("{\"type\":\"summary\"", StringComparison.Ordinal));
            if (summary != null)
            {
                run.Summary = summary;
                try
                {
                    if (JsonNode.Parse(summary) is JsonObject line)
                    {
                        run.ErrorId = Str(line, "errorId");
                        run.Error = Str(line, "error");
                    }
                }
                catch (JsonException) { }
            }
            else if (run.ExitCode != 0)
            {
                var detail = Str(invocation, "StatusDetails");
                run.Error = Lines(Str(invocation, "StandardErrorContent")).LastOrDefault() ?? stdout.LastOrDefault()
                            ?? (detail == null ? null : "Run Command status: " + detail);
            }
        }

        private static List<string> Lines(string? text)
            => (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();

        /// <summary>The JSON protocol sends timestamps as epoch seconds.</summary>
        public static DateTime? Time(JsonNode? node)
            => node is JsonValue v && v.TryGetValue<double>(out var seconds)
                ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds)
                : (DateTime?)null;

        internal static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }
}
