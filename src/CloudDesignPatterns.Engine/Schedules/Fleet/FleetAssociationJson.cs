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

        public static JsonObject CreateRequest(FleetJobDefinition job) => new JsonObject
        {
            ["Name"] = Document,
            ["AssociationName"] = job.AssociationName,
            ["Targets"] = Targets(job),
            ["ScheduleExpression"] = job.Schedule,
            ["Parameters"] = new JsonObject { ["commands"] = new JsonArray(FleetJobScript.Render(job).Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()) },
            ["MaxConcurrency"] = job.MaxConcurrency,
            ["MaxErrors"] = job.MaxErrors,
        };

        public static JsonObject UpdateRequest(FleetJobDefinition job, string associationId)
        {
            var request = CreateRequest(job);
            request.Remove("Name");
            request["AssociationId"] = associationId;
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
            return job;
        }

        public static PatternSchedule Schedule(FleetJobDefinition job, string associationId, string region) => new PatternSchedule
        {
            Name = job.Name, Pattern = job.Pattern, Command = job.Command.Trim(), Schedule = job.Schedule, Scope = ScheduleScope.Fleet,
            Backend = ScheduleBackend.StateManager, BackendSchedule = job.Schedule, Region = region, AssociationId = associationId,
            TargetTag = job.TargetTag, MaxConcurrency = job.MaxConcurrency, MaxErrors = job.MaxErrors, ModuleSource = job.ModuleSource,
        };

        /// <summary>
        /// One instance's record of a run. The exit code and error come from the job runner's summary line when the
        /// service passed it on (the sandbox keeps it in DetailedStatus); an "exit N: …" detail gives the code alone.
        /// </summary>
        public static FleetInstanceRun InstanceRun(JsonObject target)
        {
            var detail = Str(target, "DetailedStatus") ?? "";
            var run = new FleetInstanceRun
            {
                InstanceId = Str(target, "ResourceId") ?? "", Status = Str(target, "Status") ?? "", Summary = detail,
                ExecutionId = Str(target, "ExecutionId") ?? "", FinishedAt = Time(target["LastExecutionDate"]),
            };
            if (detail.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    if (JsonNode.Parse(detail) is JsonObject summary)
                    {
                        run.ExitCode = summary["exitCode"] is JsonValue code && code.TryGetValue<int>(out var c) ? c : (int?)null;
                        run.ErrorId = Str(summary, "errorId");
                        run.Error = Str(summary, "error");
                    }
                }
                catch (JsonException) { }
            }
            else if (detail.StartsWith("exit ", StringComparison.Ordinal))
            {
                var end = detail.IndexOf(':');
                if (end > 5 && int.TryParse(detail.Substring(5, end - 5), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)) run.ExitCode = code;
                run.Error = end > 0 ? detail.Substring(end + 1).Trim() : detail;
            }
            else if (run.Status == "Success") run.ExitCode = 0;
            return run;
        }

        /// <summary>The JSON protocol sends timestamps as epoch seconds.</summary>
        public static DateTime? Time(JsonNode? node)
            => node is JsonValue v && v.TryGetValue<double>(out var seconds)
                ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds)
                : (DateTime?)null;

        internal static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }
}
