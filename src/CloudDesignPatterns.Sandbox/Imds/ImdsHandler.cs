using System;
using System.Diagnostics;
using System.Globalization;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>
    /// Instance metadata (IMDSv2 only) under /latest/, for the sandbox's current instance or, on an association run's own
    /// endpoint (<see cref="InstanceMetadataEndpoint"/>), for the instance that endpoint stands for. Every request is recorded.
    /// </summary>
    internal sealed class ImdsHandler
    {
        public const string TokenPath = "/latest/api/token";
        private const string TtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
        private const string TokenHeader = "X-aws-ec2-metadata-token";
        private readonly SandboxState _state;
        private readonly ImdsTokenStore _tokens;
        private readonly ImdsCredentialCache _credentials;
        private readonly Func<string?> _instanceId;

        public ImdsHandler(SandboxState state, Func<string?>? instanceId = null)
        {
            _state = state;
            _instanceId = instanceId ?? (() => state.CurrentInstanceId);
            _tokens = new ImdsTokenStore(state.Clock);
            _credentials = new ImdsCredentialCache(state.Principals, state.Clock);
        }

        public SandboxResponse Handle(SandboxRequest request)
        {
            var stopwatch = Stopwatch.StartNew();
            var call = new SandboxCall { Time = _state.Clock.UtcNow, Service = "imds", Action = request.Path };
            var response = Answer(request, call);
            call.HttpStatus = response.DropConnection ? 0 : response.StatusCode;
            call.Outcome = response.DropConnection ? "Dropped" : OutcomeOf(response.StatusCode);
            call.DurationMs = stopwatch.ElapsedMilliseconds;
            _state.Calls.Record(call);
            return response;
        }

        private SandboxResponse Answer(SandboxRequest request, SandboxCall call)
        {
            if (_state.Faults.ImdsDown(out var outage))
                return outage == ImdsOutageMode.DropConnection
                    ? new SandboxResponse { DropConnection = true }
                    : SandboxResponse.Text(503, "Service Unavailable");

            if (request.Path == TokenPath) return IssueToken(request);
            if (request.Method != "GET" && request.Method != "HEAD") return SandboxResponse.Text(405, "Method Not Allowed");
            // IMDSv1 is disabled: every read needs a live session token.
            if (!_tokens.IsValid(request.Header(TokenHeader))) return SandboxResponse.Text(401, "Unauthorized");

            var instanceId = _instanceId();
            var view = instanceId == null ? null : _state.Instances.Find(instanceId);
            if (view == null) return NotFound();
            call.Region = view.Region;

            var text = Read(view, request.Path);
            return text == null ? NotFound() : SandboxResponse.Text(200, text);
        }

        private SandboxResponse IssueToken(SandboxRequest request)
        {
            if (request.Method != "PUT") return SandboxResponse.Text(405, "Method Not Allowed");
            // AWS refuses token requests that went through a proxy, so a forwarded request cannot steal a session.
            if (request.Header("X-Forwarded-For") != null) return SandboxResponse.Text(403, "Forbidden");
            var ttlText = request.Header(TtlHeader);
            if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl)
                || ttl < 1 || ttl > ImdsTokenStore.MaxTtlSeconds)
                return SandboxResponse.Text(400, "Bad Request");
            var response = SandboxResponse.Text(200, _tokens.Issue(ttl));
            response.Headers[TtlHeader] = ttl.ToString(CultureInfo.InvariantCulture);
            return response;
        }

        private string? Read(ImdsInstanceView view, string path)
        {
            const string metaData = "/latest/meta-data";
            const string dynamic = "/latest/dynamic";
            if (path == "/latest" || path == "/latest/")
                return string.IsNullOrEmpty(view.UserData) ? "dynamic\nmeta-data" : "dynamic\nmeta-data\nuser-data";
            if (path == "/latest/user-data") return string.IsNullOrEmpty(view.UserData) ? null : view.UserData;
            if (IsUnder(path, metaData, out var metaPath))
                return ImdsDocuments.MetaData(view, role => RoleCredentials(view, role), _state.Clock.UtcNow).Read(metaPath);
            if (IsUnder(path, dynamic, out var dynamicPath))
                return ImdsDocuments.Dynamic(view, _state.StartedAt).Read(dynamicPath);
            return null;
        }

        private string RoleCredentials(ImdsInstanceView view, string role)
        {
            var issued = _credentials.Get(view.AccountId, view.InstanceId, role);
            return ImdsDocuments.Credentials(issued.Credentials, issued.Issued, issued.Expires);
        }

        private static bool IsUnder(string path, string root, out string relative)
        {
            relative = "";
            if (path == root) return true;
            if (!path.StartsWith(root + "/", StringComparison.Ordinal)) return false;
            relative = Uri.UnescapeDataString(path.Substring(root.Length + 1));
            return true;
        }

        private static SandboxResponse NotFound() => SandboxResponse.Text(404, "Not Found");

        private static string OutcomeOf(int status)
        {
            switch (status)
            {
                case 200: return "Success";
                case 400: return "BadRequest";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "NotFound";
                case 405: return "MethodNotAllowed";
                case 503: return "ServiceUnavailable";
                default: return status.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
