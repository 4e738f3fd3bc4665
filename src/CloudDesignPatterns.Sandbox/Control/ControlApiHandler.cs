using System;
using System.Globalization;
using System.Text.Json;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Sandbox.Routing;

namespace CloudDesignPatterns.Sandbox.Control
{
    /// <summary>
    /// The JSON control API under /_sandbox/, so other processes (CLI wrappers, agents, another pwsh) can drive the
    /// sandbox exactly as <see cref="SandboxControl"/> does in-process. Control calls are not recorded.
    /// </summary>
    internal sealed class ControlApiHandler
    {
        public const string Prefix = "/_sandbox/";
        private readonly ISandboxControl _control;

        public ControlApiHandler(ISandboxControl control) => _control = control;

        public SandboxResponse Handle(SandboxRequest request)
        {
            var route = request.Path.Substring(Prefix.Length).TrimEnd('/');
            var method = request.Method;
            try
            {
                switch (route)
                {
                    case "health" when method == "GET":
                        return Ok(new HealthBody { CurrentInstanceId = _control.CurrentInstanceId });
                    case "current-instance" when method == "GET":
                        return Ok(new CurrentInstanceBody { InstanceId = _control.CurrentInstanceId });
                    case "current-instance" when method == "PUT":
                        _control.SetCurrentInstance(Body<CurrentInstanceBody>(request).InstanceId ?? "");
                        return NoContent();
                    case "faults" when method == "GET":
                        return Ok(_control.GetFaults());
                    case "faults" when method == "PUT":
                        _control.SetFaults(Body<FaultSettings>(request));
                        return NoContent();
                    case "faults" when method == "DELETE":
                        _control.ClearFaults();
                        return NoContent();
                    case "calls" when method == "GET":
                        return Ok(_control.GetCalls(AfterSequence(request.RawQuery)));
                    case "calls" when method == "DELETE":
                        _control.ClearCalls();
                        return NoContent();
                    case "route53/change-delay" when method == "PUT":
                        _control.SetRoute53ChangeDelay(TimeSpan.FromSeconds(Body<ChangeDelayBody>(request).Seconds));
                        return NoContent();
                }
                if (route.StartsWith("principals/", StringComparison.Ordinal))
                    return Principal(request, FormDecoder.Unescape(route.Substring("principals/".Length)));
                if (route.StartsWith("associations/", StringComparison.Ordinal) && route.EndsWith("/run", StringComparison.Ordinal) && method == "POST")
                {
                    var run = Body<RunAssociationBody>(request);
                    var id = FormDecoder.Unescape(route.Substring("associations/".Length, route.Length - "associations/".Length - "/run".Length));
                    return Ok(new RunAssociationBody { ExecutionId = _control.RunAssociation(id, run.Pwsh ?? "pwsh", run.EndpointUrl ?? "") });
                }
                if (route.StartsWith("route53/healthchecks/", StringComparison.Ordinal) && method == "PUT")
                {
                    _control.SetHealthCheckStatus(FormDecoder.Unescape(route.Substring("route53/healthchecks/".Length)), Body<HealthCheckStatusBody>(request).Healthy);
                    return NoContent();
                }
                if (route.StartsWith("roles/", StringComparison.Ordinal) && method == "PUT")
                {
                    _control.SetRolePolicies(FormDecoder.Unescape(route.Substring("roles/".Length)),
                                             Body<RolePoliciesBody>(request).Policies ?? new System.Collections.Generic.List<string>());
                    return NoContent();
                }
                return Fail(404, $"No control endpoint {method} {request.Path}.");
            }
            catch (ArgumentException ex) { return Fail(400, ex.Message); }
            catch (JsonException ex) { return Fail(400, "Invalid JSON body: " + ex.Message); }
        }

        private SandboxResponse Principal(SandboxRequest request, string accessKeyId)
        {
            if (request.Method == "POST" || request.Method == "PUT")
            {
                var body = Body<PrincipalBody>(request);
                _control.AddPrincipal(accessKeyId, body.SecretAccessKey, body.Arn ?? "",
                                      body.Policies ?? new System.Collections.Generic.List<string>());
                return NoContent();
            }
            if (request.Method == "DELETE")
                return _control.RemovePrincipal(accessKeyId) ? NoContent() : Fail(404, $"No principal with access key '{accessKeyId}'.");
            return Fail(405, "Use POST or DELETE.");
        }

        private static long AfterSequence(string rawQuery)
        {
            var query = FormDecoder.Decode(rawQuery);
            if (!query.TryGetValue("after", out var text)) return 0;
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var after)
                ? after
                : throw new ArgumentException("'after' must be a sequence number.");
        }

        private static T Body<T>(SandboxRequest request) => ControlJson.Deserialize<T>(request.BodyText);
        private static SandboxResponse Ok<T>(T value) => SandboxResponse.Json(200, ControlJson.Serialize(value));
        private static SandboxResponse NoContent() => new SandboxResponse { StatusCode = 204, ContentType = "" };
        private static SandboxResponse Fail(int status, string message) => SandboxResponse.Json(status, ControlJson.Serialize(new ErrorBody { Error = message }));
    }
}
