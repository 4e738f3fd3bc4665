using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Sandbox.Principals;
using CloudDesignPatterns.Sandbox.Routing;

namespace CloudDesignPatterns.Sandbox.Handlers
{
    /// <summary>
    /// Query-protocol calls (form-encoded POST /): authenticates from the SigV4 scope, applies faults, runs the action
    /// on EC2 or STS, and records the call.
    /// </summary>
    internal sealed class QueryApiHandler
    {
        private static readonly HashSet<string> EnvelopeFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Expires",
        };

        private readonly SandboxState _state;

        public QueryApiHandler(SandboxState state) => _state = state;

        public async Task<SandboxResponse> HandleAsync(SandboxRequest request)
        {
            var stopwatch = Stopwatch.StartNew();
            var form = FormDecoder.Decode(request.Method == "GET" ? request.RawQuery : request.BodyText);
            form.TryGetValue("Action", out var action);
            action ??= "";
            var scope = SigV4CredentialScope.From(request.Header("Authorization"), form);
            var service = scope?.Service == "sts" || action == "GetCallerIdentity" ? "sts" : "ec2";
            var parameters = form.Where(f => !EnvelopeFields.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var call = new SandboxCall
            {
                Time = _state.Clock.UtcNow, Service = service, Action = action,
                Parameters = new Dictionary<string, string>(parameters), Region = scope?.Region, AccessKeyId = scope?.AccessKeyId,
            };

            var response = await AnswerAsync(call, service, action, parameters, scope).ConfigureAwait(false);

            call.HttpStatus = response.DropConnection ? 0 : response.StatusCode;
            call.DurationMs = stopwatch.ElapsedMilliseconds;
            _state.Calls.Record(call);
            return response;
        }

        private async Task<SandboxResponse> AnswerAsync(SandboxCall call, string service, string action,
                                                        Dictionary<string, string> parameters, SigV4CredentialScope? scope)
        {
            var requestId = Guid.NewGuid().ToString();
            if (scope == null)
                return Error(call, service, "AuthFailure", "AWS was not able to validate the provided access credentials", 401, requestId);

            var principal = _state.Principals.Resolve(scope.AccessKeyId);
            call.Principal = principal.Arn;

            var faults = _state.Faults.Decide(action);
            if (faults.LatencyMs > 0) await Task.Delay(faults.LatencyMs).ConfigureAwait(false);
            if (faults.Throttled)
                return Error(call, service, "RequestLimitExceeded", "Request limit exceeded.", 503, requestId);
            if (faults.ServerErrorStatus != 0 && !faults.ServerErrorAfterExecute)
                return ServerError(call, service, faults.ServerErrorStatus, requestId);
            if (faults.Drop == DropMode.BeforeExecute)
                return Dropped(call);

            SandboxResponse response;
            try
            {
                var body = service == "sts"
                    ? new ResponseBody(Encoding.UTF8.GetBytes(StsActions.Execute(action, principal, requestId)))
                    : _state.Ec2.Execute(new Ec2Call(action, parameters, scope.Region,
                        new CallerIdentity(principal.AccessKeyId, principal.Arn, principal.Account, principal.UserId),
                        new PolicyRequestAuthorizer(principal, scope.Region, _state.PolicyDecider)));
                call.Outcome = "Success";
                response = SandboxResponse.Xml(200, body);
            }
            catch (SandboxServiceException ex)
            {
                response = Error(call, service, ex.Code, ex.Message, ex.HttpStatus, requestId);
            }
            catch (Exception ex)
            {
                // A bug in an action handler must look like an AWS 500 to the client, not a hung connection.
                response = Error(call, service, "InternalError", "Sandbox handler failed: " + ex.Message, 500, requestId);
            }

            if (faults.ServerErrorStatus != 0)
            {
                response.Body.Dispose(); // executed, answered with the 5xx instead
                return ServerError(call, service, faults.ServerErrorStatus, requestId);
            }
            if (faults.Drop != DropMode.AfterExecute) return response;
            response.Body.Dispose(); // executed, never sent: its buffer goes back to the pool
            return Dropped(call);
        }

        private static SandboxResponse ServerError(SandboxCall call, string service, int status, string requestId)
            => status == 503
                ? Error(call, service, "Unavailable", "The service is unavailable. Please try again shortly.", 503, requestId)
                : Error(call, service, "InternalError", "An internal error has occurred.", 500, requestId);

        private static SandboxResponse Dropped(SandboxCall call)
        {
            call.Outcome = "Dropped";
            return new SandboxResponse { DropConnection = true };
        }

        private static SandboxResponse Error(SandboxCall call, string service, string code, string message, int status, string requestId)
        {
            call.Outcome = code;
            return SandboxResponse.Xml(status, service == "sts"
                ? QueryErrorXml.Sts(code, message, status, requestId)
                : QueryErrorXml.Ec2(code, message, requestId));
        }
    }
}
