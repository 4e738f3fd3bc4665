using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;
using CloudDesignPatterns.Sandbox.Routing;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>
    /// SSM's JSON 1.1 protocol (POST / with X-Amz-Target: AmazonSSM.Action): authenticates from the SigV4 scope, applies
    /// faults, checks the caller's policy for ssm:Action, runs it, and records the call, as the Query handler does for EC2.
    /// </summary>
    internal sealed class SsmJsonHandler
    {
        public const string TargetPrefix = "AmazonSSM.";
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoKeys = new Dictionary<string, IReadOnlyList<string>>();
        private readonly SandboxState _state;
        private readonly SsmActions _actions;

        public SsmJsonHandler(SandboxState state)
        {
            _state = state;
            _actions = new SsmActions(state.Ssm, state.Clock);
        }

        public static bool Accepts(SandboxRequest request)
            => request.Method == "POST" && (request.Header("X-Amz-Target") ?? "").StartsWith(TargetPrefix, StringComparison.Ordinal);

        public async Task<SandboxResponse> HandleAsync(SandboxRequest request)
        {
            var stopwatch = Stopwatch.StartNew();
            var action = request.Header("X-Amz-Target")!.Substring(TargetPrefix.Length);
            var scope = SigV4CredentialScope.From(request.Header("Authorization"), new Dictionary<string, string>());
            var call = new SandboxCall { Time = _state.Clock.UtcNow, Service = "ssm", Action = action, Region = scope?.Region, AccessKeyId = scope?.AccessKeyId };
            var response = await AnswerAsync(request, call, action, scope).ConfigureAwait(false);
            call.HttpStatus = response.DropConnection ? 0 : response.StatusCode;
            call.DurationMs = stopwatch.ElapsedMilliseconds;
            _state.Calls.Record(call);
            return response;
        }

        private async Task<SandboxResponse> AnswerAsync(SandboxRequest request, SandboxCall call, string action, SigV4CredentialScope? scope)
        {
            if (scope == null) return Error(call, "UnrecognizedClientException", "The security token included in the request is invalid.", 400);
            var principal = _state.Principals.Resolve(scope.AccessKeyId);
            call.Principal = principal.Arn;

            var faults = _state.Faults.Decide(action);
            if (faults.LatencyMs > 0) await Task.Delay(faults.LatencyMs).ConfigureAwait(false);
            if (faults.Throttled) return Error(call, "ThrottlingException", "Rate exceeded", 400);
            if (faults.ServerErrorStatus != 0) return Error(call, "InternalServerError", "An internal error has occurred.", faults.ServerErrorStatus);
            if (faults.Drop == Faults.DropMode.BeforeExecute) { call.Outcome = "Dropped"; return new SandboxResponse { DropConnection = true }; }

            JsonObject body;
            try { body = JsonNode.Parse(string.IsNullOrWhiteSpace(request.BodyText) ? "{}" : request.BodyText) as JsonObject ?? new JsonObject(); }
            catch (JsonException e) { return Error(call, "SerializationException", "The request body is not JSON: " + e.Message, 400); }
            call.Parameters = Flatten(body);

            try
            {
                var authorizer = new PolicyRequestAuthorizer(principal, scope.Region, _state.PolicyDecider);
                try
                {
                    foreach (var resource in _actions.ResourcesFor(action, body, scope.Region, principal.Account))
                        authorizer.Authorize("ssm:" + action, resource, NoKeys);
                }
                catch (SandboxServiceException denied) when (denied.Code == "UnauthorizedOperation")
                {
                    // SSM's JSON services name access denial differently from EC2.
                    return Error(call, "AccessDeniedException", denied.Message.Replace("You are not authorized to perform this operation. ", ""), 400);
                }
                var result = _actions.Execute(action, body, scope.Region);
                call.Outcome = "Success";
                return Json(200, result.ToJsonString());
            }
            catch (SandboxServiceException ex) { return Error(call, ex.Code, ex.Message, ex.HttpStatus); }
            catch (Exception ex) { return Error(call, "InternalServerError", "Sandbox handler failed: " + ex.Message, 500); }
        }

        /// <summary>Top-level members as text, for the call log (nested ones as their JSON).</summary>
        private static Dictionary<string, string> Flatten(JsonObject body)
        {
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in body)
                flat[member.Key] = member.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : member.Value?.ToJsonString() ?? "";
            return flat;
        }

        private static SandboxResponse Error(SandboxCall call, string code, string message, int status)
        {
            call.Outcome = code;
            return Json(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());
        }

        private static SandboxResponse Json(int status, string json) => SandboxResponse.Text(status, json, "application/x-amz-json-1.1");
    }
}
