using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>
    /// The State Manager actions the sandbox answers (JSON 1.1, shapes from the ssm-2014-11-06 model): CreateAssociation,
    /// DescribeAssociation, ListAssociations, UpdateAssociation, DeleteAssociation, DescribeAssociationExecutions,
    /// DescribeAssociationExecutionTargets, and Run Command's GetCommandInvocation for a run's per-instance output.
    /// Timestamps are epoch seconds, as the JSON protocol sends them (GetCommandInvocation's are ISO 8601 strings).
    /// </summary>
    internal sealed class SsmActions
    {
        public const string RunPowerShellScript = "AWS-RunPowerShellScript";
        private static readonly HashSet<string> Documents = new HashSet<string>(StringComparer.Ordinal) { RunPowerShellScript, "AWS-RunShellScript" };
        private readonly SsmStore _store;
        private readonly ISandboxClock _clock;

        public SsmActions(SsmStore store, ISandboxClock clock)
        {
            _store = store;
            _clock = clock;
        }

        /// <summary>
        /// The IAM resources an action is checked against, each of which the caller's policy must allow: the document
        /// and, for instances named in the request (InstanceId, an InstanceIds target), each instance, for
        /// CreateAssociation; the association and its document for UpdateAssociation (an update can change what runs);
        /// the association for the other association actions; "*" for ListAssociations and GetCommandInvocation, which
        /// take no resource-level permissions. A tag target names no instance, so IAM cannot check which instances it selects.
        /// </summary>
        public IReadOnlyList<string> ResourcesFor(string action, JsonObject request, string region, string account)
        {
            string Document(string? name) => $"arn:aws:ssm:{region}::document/{name}";
            string Association() => $"arn:aws:ssm:{region}:{account}:association/{Str(request, "AssociationId")}";
            switch (action)
            {
                case "CreateAssociation":
                    var resources = new List<string> { Document(Str(request, "Name")) };
                    var named = (Targets(request) ?? new List<SsmTarget>()).Where(t => t.Key == "InstanceIds").SelectMany(t => t.Values).ToList();
                    if (Str(request, "InstanceId") is string instance) named.Add(instance);
                    resources.AddRange(named.Distinct().Select(id => $"arn:aws:ec2:{region}:{account}:instance/{id}"));
                    return resources;
                case "UpdateAssociation":
                    var existing = _store.Find(Str(request, "AssociationId") ?? "");
                    return new[] { Association(), Document(Str(request, "Name") ?? existing?.Name ?? RunPowerShellScript) };
                case "ListAssociations":
                case "GetCommandInvocation":
                    return new[] { "*" };
                default:
                    return new[] { Association() };
            }
        }

        public JsonObject Execute(string action, JsonObject request, string region) => action switch
        {
            "CreateAssociation" => Create(request, region),
            "DescribeAssociation" => new JsonObject { ["AssociationDescription"] = Description(Existing(request, region)) },
            "ListAssociations" => List(request, region),
            "UpdateAssociation" => Update(request, region),
            "DeleteAssociation" => Delete(request, region),
            "DescribeAssociationExecutions" => Executions(request, region),
            "DescribeAssociationExecutionTargets" => ExecutionTargets(request, region),
            "GetCommandInvocation" => CommandInvocation(request, region),
            _ => throw new SandboxServiceException("InvalidAction", $"The sandbox does not serve AmazonSSM.{action}.", 400),
        };

        private JsonObject Create(JsonObject request, string region)
        {
            var name = Str(request, "Name") ?? throw Validation("Name is required.");
            if (!Documents.Contains(name)) throw new SandboxServiceException("InvalidDocument", $"Document {name} does not exist in your account.", 400);
            var targets = Targets(request) ?? throw Validation("Targets is required (the sandbox associates by tag only).");
            var associationName = Str(request, "AssociationName");
            var now = _clock.UtcNow;
            var association = new SsmAssociation
            {
                AssociationId = Guid.NewGuid().ToString(), Region = region, Name = name, AssociationName = associationName,
                CreatedAt = now, UpdatedAt = now, Targets = targets, Parameters = Parameters(request) ?? new Dictionary<string, List<string>>(),
                ScheduleExpression = Str(request, "ScheduleExpression"), MaxConcurrency = Str(request, "MaxConcurrency") ?? "50",
                MaxErrors = Str(request, "MaxErrors") ?? "0", ApplyOnlyAtCronInterval = Bool(request, "ApplyOnlyAtCronInterval") ?? false,
            };
            CheckSchedule(association.ScheduleExpression);
            CheckApplyOnlyAtCronInterval(association);
            _store.With(all =>
            {
                if (associationName != null && all.Values.Any(a => a.Region == region && a.AssociationName == associationName))
                    throw new SandboxServiceException("AssociationAlreadyExists", $"An association named {associationName} already exists.", 400);
                all[association.AssociationId] = association;
                StartAtOnceUnlessCronOnly(association, "creation");
                return true;
            });
            return new JsonObject { ["AssociationDescription"] = Description(association) };
        }

        private JsonObject Update(JsonObject request, string region)
        {
            var association = Existing(request, region);
            var cronOnly = Bool(request, "ApplyOnlyAtCronInterval") ?? association.ApplyOnlyAtCronInterval;
            var newSchedule = Str(request, "ScheduleExpression");
            if (newSchedule != null) CheckSchedule(newSchedule);
            CheckApplyOnlyAtCronInterval(new SsmAssociation { ScheduleExpression = newSchedule ?? association.ScheduleExpression, ApplyOnlyAtCronInterval = cronOnly });
            _store.With(_ =>
            {
                if (newSchedule != null) association.ScheduleExpression = newSchedule;
                association.ApplyOnlyAtCronInterval = cronOnly;
                association.Parameters = Parameters(request) ?? association.Parameters;
                association.Targets = Targets(request) ?? association.Targets;
                association.MaxConcurrency = Str(request, "MaxConcurrency") ?? association.MaxConcurrency;
                association.MaxErrors = Str(request, "MaxErrors") ?? association.MaxErrors;
                association.AssociationName = Str(request, "AssociationName") ?? association.AssociationName;
                association.Version++;
                association.UpdatedAt = _clock.UtcNow;
                StartAtOnceUnlessCronOnly(association, "update");
                return true;
            });
            return new JsonObject { ["AssociationDescription"] = Description(association) };
        }

        private JsonObject Delete(JsonObject request, string region)
        {
            var association = Existing(request, region);
            _store.With(all => all.Remove(association.AssociationId));
            return new JsonObject();
        }

        private JsonObject List(JsonObject request, string region)
        {
            var filters = (request["AssociationFilterList"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Select(f => (Key: Str(f, "key") ?? "", Value: Str(f, "value") ?? "")).ToList();
            var matching = _store.InRegion(region).Where(a => filters.All(f => f.Key switch
            {
                "AssociationName" => a.AssociationName == f.Value,
                "Name" => a.Name == f.Value,
                "AssociationId" => a.AssociationId == f.Value,
                _ => throw Validation($"The sandbox does not filter associations by {f.Key}."),
            }));
            var page = Page(request, matching.ToList(), out var next);
            var result = new JsonObject
            {
                ["Associations"] = new JsonArray(page.Select(a => (JsonNode)new JsonObject
                {
                    ["AssociationId"] = a.AssociationId, ["AssociationName"] = a.AssociationName, ["Name"] = a.Name,
                    ["AssociationVersion"] = a.Version.ToString(CultureInfo.InvariantCulture), ["DocumentVersion"] = "$DEFAULT",
                    ["Targets"] = TargetsJson(a), ["ScheduleExpression"] = a.ScheduleExpression, ["Overview"] = Overview(a),
                    ["LastExecutionDate"] = LastExecution(a),
                }).ToArray()),
            };
            if (next != null) result["NextToken"] = next;
            return result;
        }

        private JsonObject Executions(JsonObject request, string region)
        {
            var association = Existing(request, region);
            List<SsmExecution> executions = _store.With(_ => association.Executions.OrderByDescending(e => e.CreatedAt).ToList());
            var page = Page(request, executions, out var next);
            var result = new JsonObject
            {
                ["AssociationExecutions"] = new JsonArray(page.Select(e => (JsonNode)new JsonObject
                {
                    ["AssociationId"] = association.AssociationId, ["AssociationVersion"] = e.AssociationVersion.ToString(CultureInfo.InvariantCulture),
                    ["ExecutionId"] = e.ExecutionId, ["Status"] = e.Status, ["DetailedStatus"] = e.DetailedStatus,
                    ["CreatedTime"] = Epoch(e.CreatedAt), ["LastExecutionDate"] = Epoch(e.CreatedAt),
                    ["ResourceCountByStatus"] = "{" + string.Join(",", e.Targets.GroupBy(t => t.Status).Select(g => $"\"{g.Key}\":{g.Count()}")) + "}",
                }).ToArray()),
            };
            if (next != null) result["NextToken"] = next;
            return result;
        }

        private JsonObject ExecutionTargets(JsonObject request, string region)
        {
            var association = Existing(request, region);
            var executionId = Str(request, "ExecutionId") ?? throw Validation("ExecutionId is required.");
            var execution = _store.With(_ => association.Executions.FirstOrDefault(e => e.ExecutionId == executionId))
                ?? throw new SandboxServiceException("AssociationExecutionDoesNotExist", $"Execution {executionId} does not exist.", 400);
            var page = Page(request, _store.With(_ => execution.Targets.ToList()), out var next);
            var result = new JsonObject
            {
                ["AssociationExecutionTargets"] = new JsonArray(page.Select(t =>
                {
                    var target = new JsonObject
                    {
                        ["AssociationId"] = association.AssociationId, ["AssociationVersion"] = execution.AssociationVersion.ToString(CultureInfo.InvariantCulture),
                        ["ExecutionId"] = execution.ExecutionId, ["ResourceId"] = t.ResourceId, ["ResourceType"] = "ManagedInstance",
                        ["Status"] = t.Status, ["DetailedStatus"] = t.DetailedStatus, ["LastExecutionDate"] = Epoch(t.FinishedAt),
                    };
                    // Where the output is: the run's Run Command command, whose invocation on this instance has it.
                    if (t.Ran) target["OutputSource"] = new JsonObject { ["OutputSourceId"] = execution.CommandId, ["OutputSourceType"] = "RunCommand" };
                    return (JsonNode)target;
                }).ToArray()),
            };
            if (next != null) result["NextToken"] = next;
            return result;
        }

        /// <summary>One target's output of a run: the invocation of the run's command on that instance.</summary>
        private JsonObject CommandInvocation(JsonObject request, string region)
        {
            var commandId = Str(request, "CommandId") ?? throw Validation("CommandId is required.");
            var instanceId = Str(request, "InstanceId") ?? throw Validation("InstanceId is required.");
            var found = _store.With(_ => _store.InRegion(region)
                .SelectMany(a => a.Executions.Where(e => e.CommandId == commandId).Select(e => (Association: a, Execution: e)))
                .SelectMany(x => x.Execution.Targets.Where(t => t.Ran && t.ResourceId == instanceId).Select(t => (x.Association, x.Execution, Target: t)))
                .FirstOrDefault());
            if (found.Target == null)
                throw new SandboxServiceException("InvocationDoesNotExist", $"Command {commandId} has no invocation on instance {instanceId}.", 400);
            var t = found.Target;
            return new JsonObject
            {
                ["CommandId"] = commandId, ["InstanceId"] = instanceId,
                ["Comment"] = $"Apply association {found.Association.AssociationId} (execution {found.Execution.ExecutionId})",
                ["DocumentName"] = found.Association.Name, ["DocumentVersion"] = "1", ["PluginName"] = "aws:runPowerShellScript",
                ["ResponseCode"] = t.ExitCode,
                ["ExecutionStartDateTime"] = Iso(t.StartedAt), ["ExecutionEndDateTime"] = Iso(t.FinishedAt),
                ["ExecutionElapsedTime"] = System.Xml.XmlConvert.ToString(t.FinishedAt - t.StartedAt),
                ["Status"] = t.DetailedStatus, ["StatusDetails"] = t.DetailedStatus,
                ["StandardOutputContent"] = t.StandardOutput, ["StandardOutputUrl"] = "",
                ["StandardErrorContent"] = t.StandardError, ["StandardErrorUrl"] = "",
                ["CloudWatchOutputConfig"] = new JsonObject { ["CloudWatchLogGroupName"] = "", ["CloudWatchOutputEnabled"] = false },
            };
        }

        /// <summary>State Manager runs a new or updated association at once unless it runs only at its cron times.</summary>
        private void StartAtOnceUnlessCronOnly(SsmAssociation association, string why)
        {
            if (association.ApplyOnlyAtCronInterval) return;
            association.Executions.Add(new SsmExecution
            {
                ExecutionId = Guid.NewGuid().ToString(), CommandId = Guid.NewGuid().ToString(), AssociationVersion = association.Version,
                CreatedAt = _clock.UtcNow, Status = "Pending",
                // The sandbox has no scheduler: this records the run AWS would start now; Set-PatternSandbox -RunAssociation runs one.
                DetailedStatus = $"Applied at {why} (ApplyOnlyAtCronInterval is false); the sandbox does not run it by itself",
            });
        }

        /// <summary>"This parameter isn't supported for rate expressions" (CreateAssociation in the SSM API reference).</summary>
        private static void CheckApplyOnlyAtCronInterval(SsmAssociation association)
        {
            if (association.ApplyOnlyAtCronInterval && !(association.ScheduleExpression ?? "").Trim().StartsWith("cron(", StringComparison.Ordinal))
                throw Validation("ApplyOnlyAtCronInterval is supported for cron expressions only, not for " + (association.ScheduleExpression ?? "an association without a schedule") + ".");
        }

        private SsmAssociation Existing(JsonObject request, string region)
        {
            var id = Str(request, "AssociationId") ?? throw Validation("AssociationId is required (the sandbox does not look associations up by Name and InstanceId).");
            var association = _store.Find(id);
            if (association == null || association.Region != region)
                throw new SandboxServiceException("AssociationDoesNotExist", $"Association {id} does not exist.", 400);
            return association;
        }

        private JsonObject Description(SsmAssociation a) => new JsonObject
        {
            ["AssociationId"] = a.AssociationId, ["AssociationName"] = a.AssociationName, ["Name"] = a.Name,
            ["AssociationVersion"] = a.Version.ToString(CultureInfo.InvariantCulture), ["DocumentVersion"] = "$DEFAULT",
            ["Date"] = Epoch(a.CreatedAt), ["LastUpdateAssociationDate"] = Epoch(a.UpdatedAt),
            ["Status"] = new JsonObject { ["Date"] = Epoch(a.UpdatedAt), ["Name"] = "Associated", ["Message"] = "Associated with targets" },
            ["Overview"] = Overview(a), ["Targets"] = TargetsJson(a), ["ScheduleExpression"] = a.ScheduleExpression,
            ["Parameters"] = new JsonObject(a.Parameters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, new JsonArray(p.Value.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())))),
            ["MaxConcurrency"] = a.MaxConcurrency, ["MaxErrors"] = a.MaxErrors, ["LastExecutionDate"] = LastExecution(a),
            ["ApplyOnlyAtCronInterval"] = a.ApplyOnlyAtCronInterval,
        };

        private JsonObject Overview(SsmAssociation a)
        {
            var last = a.Executions.OrderByDescending(e => e.CreatedAt).FirstOrDefault();
            return new JsonObject { ["Status"] = last?.Status ?? "Pending", ["DetailedStatus"] = last?.DetailedStatus ?? "Associated" };
        }

        private static JsonNode? LastExecution(SsmAssociation a)
        {
            var last = a.Executions.OrderByDescending(e => e.CreatedAt).FirstOrDefault();
            return last == null ? null : Epoch(last.CreatedAt);
        }

        private static JsonArray TargetsJson(SsmAssociation a)
            => new JsonArray(a.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["Key"] = t.Key, ["Values"] = new JsonArray(t.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            }).ToArray());

        private static List<SsmTarget>? Targets(JsonObject request)
        {
            if (!(request["Targets"] is JsonArray array)) return null;
            var targets = array.OfType<JsonObject>().Select(t => new SsmTarget
            {
                Key = Str(t, "Key") ?? "",
                Values = (t["Values"] as JsonArray ?? new JsonArray()).Select(v => v?.GetValue<string>() ?? "").ToList(),
            }).ToList();
            foreach (var t in targets)
                if (!t.Key.StartsWith("tag:", StringComparison.Ordinal) && t.Key != "tag-key" && t.Key != "InstanceIds")
                    throw Validation($"Target key {t.Key} is not supported by the sandbox: use tag:<key>, tag-key or InstanceIds.");
            return targets;
        }

        private static Dictionary<string, List<string>>? Parameters(JsonObject request)
            => request["Parameters"] is JsonObject p
                ? p.ToDictionary(kv => kv.Key, kv => (kv.Value as JsonArray ?? new JsonArray()).Select(v => v?.GetValue<string>() ?? "").ToList(), StringComparer.Ordinal)
                : null;

        /// <summary>State Manager's own rule: rate(30 minutes) at the most frequent.</summary>
        private static void CheckSchedule(string? expression)
        {
            if (expression == null) return;
            var text = expression.Trim();
            if (!(text.StartsWith("cron(", StringComparison.Ordinal) || text.StartsWith("rate(", StringComparison.Ordinal)) || !text.EndsWith(")", StringComparison.Ordinal))
                throw new SandboxServiceException("InvalidSchedule", $"Schedule expression {expression} is not valid.", 400);
            var parts = text.Substring(5, text.Length - 6).Split(' ');
            if (text.StartsWith("rate(", StringComparison.Ordinal) && parts.Length == 2 && parts[1].StartsWith("minute", StringComparison.Ordinal) &&
                int.TryParse(parts[0], out var minutes) && minutes < 30)
                throw new SandboxServiceException("InvalidSchedule", "Schedule expression is not valid: the minimum rate is 30 minutes.", 400);
        }

        private static List<T> Page<T>(JsonObject request, List<T> all, out string? next)
        {
            var max = request["MaxResults"]?.GetValue<int>() ?? 50;
            var start = int.TryParse(Str(request, "NextToken"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            next = start + max < all.Count ? (start + max).ToString(CultureInfo.InvariantCulture) : null;
            return all.Skip(start).Take(max).ToList();
        }

        private static bool? Bool(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : (bool?)null;

        private static string Iso(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        internal static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static JsonNode Epoch(DateTime time) => JsonValue.Create(Math.Round((time - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds, 3))!;

        private static SandboxServiceException Validation(string message) => new SandboxServiceException("ValidationException", message, 400);
    }
}
