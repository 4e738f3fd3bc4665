using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;
using CloudDesignPatterns.Sandbox.Routing;
using static CloudDesignPatterns.Sandbox.Route53.Route53Xml;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>
    /// Route 53's REST-XML API under /2013-04-01/: picks the action from method and path, authenticates from the SigV4
    /// scope, checks IAM (route53:* actions on zone, change and health-check ARNs), applies faults, records the call.
    /// </summary>
    internal sealed class Route53ApiHandler
    {
        public const string Prefix = "/2013-04-01/";
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoKeys = new Dictionary<string, IReadOnlyList<string>>();
        private readonly SandboxState _state;

        public Route53ApiHandler(SandboxState state) => _state = state;

        private Route53State Route53 => _state.Route53;

        public async Task<SandboxResponse> HandleAsync(SandboxRequest request)
        {
            var stopwatch = Stopwatch.StartNew();
            var segments = request.Path.Substring(Prefix.Length).Trim('/').Split('/').Select(FormDecoder.Unescape).ToArray();
            var query = FormDecoder.Decode(request.RawQuery);
            var action = ActionOf(request.Method, segments);
            var scope = SigV4CredentialScope.From(request.Header("Authorization"), query);
            var call = new SandboxCall
            {
                Time = _state.Clock.UtcNow, Service = "route53", Action = action ?? request.Method + " " + request.Path,
                Parameters = CallParameters(segments, query), Region = scope?.Region, AccessKeyId = scope?.AccessKeyId,
            };
            var response = await AnswerAsync(call, action, segments, query, request, scope).ConfigureAwait(false);
            call.HttpStatus = response.DropConnection ? 0 : response.StatusCode;
            call.DurationMs = stopwatch.ElapsedMilliseconds;
            _state.Calls.Record(call);
            return response;
        }

        private static string? ActionOf(string method, string[] s)
        {
            switch (method)
            {
                case "GET" when s.Length == 1 && s[0] == "hostedzone": return "ListHostedZones";
                case "GET" when s.Length == 1 && s[0] == "hostedzonesbyname": return "ListHostedZonesByName";
                case "GET" when s.Length == 2 && s[0] == "hostedzone": return "GetHostedZone";
                case "GET" when s.Length == 3 && s[0] == "hostedzone" && s[2] == "rrset": return "ListResourceRecordSets";
                case "POST" when s.Length == 3 && s[0] == "hostedzone" && s[2] == "rrset": return "ChangeResourceRecordSets";
                case "GET" when s.Length == 2 && s[0] == "change": return "GetChange";
                case "POST" when s.Length == 1 && s[0] == "healthcheck": return "CreateHealthCheck";
                case "GET" when s.Length == 1 && s[0] == "healthcheck": return "ListHealthChecks";
                case "GET" when s.Length == 2 && s[0] == "healthcheck": return "GetHealthCheck";
                case "GET" when s.Length == 3 && s[0] == "healthcheck" && s[2] == "status": return "GetHealthCheckStatus";
                case "DELETE" when s.Length == 2 && s[0] == "healthcheck": return "DeleteHealthCheck";
                default: return null;
            }
        }

        private static Dictionary<string, string> CallParameters(string[] segments, IReadOnlyDictionary<string, string> query)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (segments.Length >= 2)
                parameters[segments[0] == "hostedzone" ? "HostedZoneId" : segments[0] == "change" ? "Id" : "HealthCheckId"] = segments[1];
            foreach (var pair in query) parameters[pair.Key] = pair.Value;
            return parameters;
        }

        private async Task<SandboxResponse> AnswerAsync(SandboxCall call, string? action, string[] segments,
            IReadOnlyDictionary<string, string> query, SandboxRequest request, SigV4CredentialScope? scope)
        {
            var requestId = Guid.NewGuid().ToString();
            if (scope == null)
                return Error(call, "MissingAuthenticationToken", "Missing Authentication Token", 403, requestId);
            if (action == null)
                return Error(call, "InvalidAction", $"The sandbox's Route 53 has no action {request.Method} {request.Path}.", 400, requestId);

            var principal = _state.Principals.Resolve(scope.AccessKeyId);
            call.Principal = principal.Arn;
            var faults = _state.Faults.Decide(action);
            if (faults.LatencyMs > 0) await Task.Delay(faults.LatencyMs).ConfigureAwait(false);
            if (faults.Throttled) return Error(call, "Throttling", "Rate exceeded", 400, requestId);
            if (faults.ServerErrorStatus == 503) return Error(call, "ServiceUnavailable", "Service is unavailable. Please try again.", 503, requestId);
            if (faults.ServerErrorStatus == 500) return Error(call, "InternalFailure", "An internal error has occurred.", 500, requestId);
            if (faults.Drop == Faults.DropMode.BeforeExecute) return Dropped(call);

            SandboxResponse response;
            try
            {
                // IAM evaluation of Route 53 is global: aws:RequestedRegion is us-east-1, whatever the caller's region.
                var authorizer = new PolicyRequestAuthorizer(principal, "us-east-1", _state.PolicyDecider);
                response = Execute(action, segments, query, request, authorizer);
                call.Outcome = "Success";
            }
            catch (SandboxServiceException ex)
            {
                var code = ex.Code == "UnauthorizedOperation" ? "AccessDenied" : ex.Code; // Route 53's name for the same answer
                response = Error(call, code, ex.Message, ex.HttpStatus, requestId);
            }
            catch (Exception ex)
            {
                response = Error(call, "InternalFailure", "Sandbox handler failed: " + ex.Message, 500, requestId);
            }
            if (faults.Drop != Faults.DropMode.AfterExecute) return response;
            return Dropped(call);
        }

        private SandboxResponse Execute(string action, string[] s, IReadOnlyDictionary<string, string> query, SandboxRequest request, IRequestAuthorizer iam)
        {
            switch (action)
            {
                case "ListHostedZones":
                {
                    iam.Authorize("route53:ListHostedZones", "*", NoKeys);
                    var zones = Route53.ZonesByName();
                    var start = query.TryGetValue("marker", out var marker) ? Math.Max(0, zones.FindIndex(z => z.Id == marker)) : 0;
                    var max = MaxItems(query, 100);
                    var page = zones.Skip(start).Take(max).ToList();
                    var truncated = start + max < zones.Count;
                    return Ok("ListHostedZonesResponse", E("HostedZones", page.Select(Zone)), Optional("Marker", marker),
                        E("IsTruncated", Bool(truncated)), truncated ? E("NextMarker", zones[start + max].Id) : null, E("MaxItems", max));
                }
                case "ListHostedZonesByName":
                {
                    iam.Authorize("route53:ListHostedZonesByName", "*", NoKeys);
                    var zones = Route53.ZonesByName();
                    query.TryGetValue("dnsname", out var dnsName);
                    query.TryGetValue("hostedzoneid", out var fromId);
                    var max = MaxItems(query, 100);
                    var start = 0;
                    if (dnsName != null)
                    {
                        var key = Route53Names.SortKey(dnsName);
                        start = zones.FindIndex(z => string.CompareOrdinal(Route53Names.SortKey(z.Name), key) > 0 ||
                            (Route53Names.SortKey(z.Name) == key && (fromId == null || string.CompareOrdinal(z.Id, fromId) >= 0)));
                        if (start < 0) start = zones.Count;
                    }
                    var page = zones.Skip(start).Take(max).ToList();
                    var truncated = start + max < zones.Count;
                    return Ok("ListHostedZonesByNameResponse", E("HostedZones", page.Select(Zone)),
                        dnsName == null ? null : E("DNSName", Route53Names.Normalize(dnsName)), Optional("HostedZoneId", fromId),
                        E("IsTruncated", Bool(truncated)),
                        truncated ? E("NextDNSName", zones[start + max].Name) : null, truncated ? E("NextHostedZoneId", zones[start + max].Id) : null,
                        E("MaxItems", max));
                }
                case "GetHostedZone":
                {
                    iam.Authorize("route53:GetHostedZone", ZoneArn(s[1]), NoKeys);
                    var zone = Route53.Zone(s[1]);
                    return Ok("GetHostedZoneResponse", Zone(zone),
                        zone.PrivateZone
                            ? E("VPCs", zone.Vpcs.Select(v => E("VPC", E("VPCRegion", v.Region), E("VPCId", v.VpcId))))
                            : E("DelegationSet", E("NameServers", E("NameServer", "ns-1.awsdns-01.org"), E("NameServer", "ns-2.awsdns-02.net"))));
                }
                case "ListResourceRecordSets":
                {
                    iam.Authorize("route53:ListResourceRecordSets", ZoneArn(s[1]), NoKeys);
                    var records = Route53.Records(s[1]);
                    var max = MaxItems(query, 300);
                    var start = 0;
                    if (query.TryGetValue("name", out var name))
                    {
                        query.TryGetValue("type", out var type);
                        query.TryGetValue("identifier", out var identifier);
                        var key = Route53Names.SortKey(name) + "\u0001" + (type ?? "") + "\u0001" + (identifier ?? "");
                        start = records.FindIndex(r => string.CompareOrdinal(r.SortKey, key) >= 0);
                        if (start < 0) start = records.Count;
                    }
                    else if (query.ContainsKey("type"))
                        throw new SandboxServiceException("InvalidInput", "The input is not valid: type requires name.");
                    var page = records.Skip(start).Take(max).ToList();
                    var truncated = start + max < records.Count;
                    var next = truncated ? records[start + max] : null;
                    return Ok("ListResourceRecordSetsResponse", E("ResourceRecordSets", page.Select(RecordSet)), E("IsTruncated", Bool(truncated)),
                        next == null ? null : E("NextRecordName", next.Name), next == null ? null : E("NextRecordType", next.Type),
                        Optional("NextRecordIdentifier", next?.SetIdentifier), E("MaxItems", max));
                }
                case "ChangeResourceRecordSets":
                {
                    var (changes, comment) = Route53RequestReader.ChangeBatch(request.BodyText);
                    Route53.Zone(s[1]); // NoSuchHostedZone before access denied on a zone that does not exist
                    iam.Authorize("route53:ChangeResourceRecordSets", ZoneArn(s[1]), new Dictionary<string, IReadOnlyList<string>>
                    {
                        ["route53:ChangeResourceRecordSetsNormalizedRecordNames"] = changes.Select(c => c.Record.Name.TrimEnd('.')).Distinct().ToList(),
                        ["route53:ChangeResourceRecordSetsRecordTypes"] = changes.Select(c => c.Record.Type).Distinct().ToList(),
                        ["route53:ChangeResourceRecordSetsActions"] = changes.Select(c => c.Action).Distinct().ToList(),
                    });
                    var change = Route53.Change(changes, s[1], comment);
                    return Ok("ChangeResourceRecordSetsResponse", ChangeInfo(change, "PENDING"));
                }
                case "GetChange":
                {
                    iam.Authorize("route53:GetChange", "arn:aws:route53:::change/" + Route53Names.BareId(s[1]), NoKeys);
                    var change = Route53.GetChange(s[1]);
                    return Ok("GetChangeResponse", ChangeInfo(change, Route53.ChangeStatus(change)));
                }
                case "CreateHealthCheck":
                {
                    iam.Authorize("route53:CreateHealthCheck", "*", NoKeys);
                    var (check, created) = Route53.CreateHealthCheck(Route53RequestReader.HealthCheck(request.BodyText));
                    var response = Ok("CreateHealthCheckResponse", HealthCheck(check));
                    response.StatusCode = created ? 201 : 200;
                    response.Headers["Location"] = "https://route53.amazonaws.com/2013-04-01/healthcheck/" + check.Id;
                    return response;
                }
                case "ListHealthChecks":
                {
                    iam.Authorize("route53:ListHealthChecks", "*", NoKeys);
                    var checks = Route53.HealthChecks();
                    var start = query.TryGetValue("marker", out var marker) ? Math.Max(0, checks.FindIndex(h => h.Id == marker)) : 0;
                    var max = MaxItems(query, 100);
                    var truncated = start + max < checks.Count;
                    return Ok("ListHealthChecksResponse", E("HealthChecks", checks.Skip(start).Take(max).Select(HealthCheck)),
                        E("Marker", marker ?? ""), E("IsTruncated", Bool(truncated)), truncated ? E("NextMarker", checks[start + max].Id) : null, E("MaxItems", max));
                }
                case "GetHealthCheck":
                    iam.Authorize("route53:GetHealthCheck", HealthCheckArn(s[1]), NoKeys);
                    return Ok("GetHealthCheckResponse", HealthCheck(Route53.HealthCheck(s[1])));
                case "GetHealthCheckStatus":
                    iam.Authorize("route53:GetHealthCheckStatus", HealthCheckArn(s[1]), NoKeys);
                    return Ok("GetHealthCheckStatusResponse", Observations(Route53.HealthCheck(s[1])));
                case "DeleteHealthCheck":
                    iam.Authorize("route53:DeleteHealthCheck", HealthCheckArn(s[1]), NoKeys);
                    Route53.DeleteHealthCheck(s[1]);
                    return Ok("DeleteHealthCheckResponse");
                default:
                    throw new SandboxServiceException("InvalidAction", "Unknown action " + action);
            }
        }

        private static string ZoneArn(string id) => "arn:aws:route53:::hostedzone/" + Route53Names.BareId(id);
        private static string HealthCheckArn(string id) => "arn:aws:route53:::healthcheck/" + id;

        private static int MaxItems(IReadOnlyDictionary<string, string> query, int limit)
        {
            if (!query.TryGetValue("maxitems", out var text)) return limit;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max >= 1
                ? Math.Min(max, limit)
                : throw new SandboxServiceException("InvalidInput", $"maxitems '{text}' is not a positive number.");
        }

        private static SandboxResponse Ok(string root, params object?[] content) => SandboxResponse.Xml(200, Document(root, content));

        private static SandboxResponse Dropped(SandboxCall call)
        {
            call.Outcome = "Dropped";
            return new SandboxResponse { DropConnection = true };
        }

        private static SandboxResponse Error(SandboxCall call, string code, string message, int status, string requestId)
        {
            call.Outcome = code;
            var response = SandboxResponse.Xml(status, Route53Xml.Error(code, message, status, requestId));
            response.Headers["x-amzn-RequestId"] = requestId;
            return response;
        }
    }
}
