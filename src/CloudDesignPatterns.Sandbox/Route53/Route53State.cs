using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>
    /// The sandbox's Route 53: hosted zones with their record sets, health checks and changes. A change batch is
    /// validated as a whole against a copy of the zone and applied only when every change is valid, as Route 53 does.
    /// </summary>
    internal sealed class Route53State
    {
        public const string InvalidChangeBatch = "InvalidChangeBatch";
        private readonly object _gate = new object();
        private readonly ISandboxClock _clock;
        private readonly List<HostedZoneRecord> _zones = new List<HostedZoneRecord>();
        private readonly Dictionary<string, HealthCheckRecord> _healthChecks = new Dictionary<string, HealthCheckRecord>(StringComparer.Ordinal);
        private readonly Dictionary<string, ChangeRecord> _changes = new Dictionary<string, ChangeRecord>(StringComparer.Ordinal);
        private long _nextId = 0x1000;

        public Route53State(ISandboxClock clock)
        {
            _clock = clock;
            Route53Seed.Apply(this);
        }

        /// <summary>How long a change stays PENDING before GetChange reports INSYNC.</summary>
        public TimeSpan ChangeDelay { get; set; } = TimeSpan.FromSeconds(1);

        public HostedZoneRecord AddZone(string id, string name, bool privateZone, string? vpcRegion = null, string? vpcId = null)
        {
            var zone = new HostedZoneRecord { Id = id, Name = Route53Names.Normalize(name), PrivateZone = privateZone, CallerReference = "seed-" + id };
            if (vpcId != null) zone.Vpcs.Add((vpcRegion ?? "", vpcId));
            var apex = zone.Name;
            zone.Records.Add(new RecordSetRecord { Name = apex, Type = "SOA", Ttl = 900, Values = { "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" } });
            zone.Records.Add(new RecordSetRecord { Name = apex, Type = "NS", Ttl = 172800, Values = { "ns-1.awsdns-01.org.", "ns-2.awsdns-02.net." } });
            lock (_gate) _zones.Add(zone);
            return zone;
        }

        public HostedZoneRecord Zone(string id)
        {
            lock (_gate) return FindZone(id);
        }

        /// <summary>Zones in Route 53's by-name order (reversed labels, then id).</summary>
        public List<HostedZoneRecord> ZonesByName()
        {
            lock (_gate) return _zones.OrderBy(z => Route53Names.SortKey(z.Name), StringComparer.Ordinal).ThenBy(z => z.Id, StringComparer.Ordinal).ToList();
        }

        public List<RecordSetRecord> Records(string zoneId)
        {
            lock (_gate) return FindZone(zoneId).Records.OrderBy(r => r.SortKey, StringComparer.Ordinal).ToList();
        }

        public ChangeRecord Change(IReadOnlyList<(string Action, RecordSetRecord Record)> changes, string zoneId, string? comment)
        {
            lock (_gate)
            {
                var zone = FindZone(zoneId);
                var working = zone.Records.ToList();
                var errors = new List<string>();
                foreach (var (action, record) in changes)
                {
                    var problem = Validate(zone, record);
                    if (problem != null) { errors.Add(problem); continue; }
                    var existing = working.FirstOrDefault(r => r.SameKey(record));
                    switch (action)
                    {
                        case "CREATE" when existing != null:
                            errors.Add($"Tried to create resource record set [name='{record.Name}', type='{record.Type}'{SetIdText(record)}] but it already exists");
                            break;
                        case "DELETE" when existing == null:
                            errors.Add($"Tried to delete resource record set [name='{record.Name}', type='{record.Type}'{SetIdText(record)}] but it was not found");
                            break;
                        case "DELETE" when !existing!.SameContent(record):
                            errors.Add($"Tried to delete resource record set [name='{record.Name}', type='{record.Type}'{SetIdText(record)}] but the values provided do not match the current values");
                            break;
                        case "DELETE":
                            working.Remove(existing);
                            break;
                        case "CREATE":
                        case "UPSERT":
                            var conflict = Conflict(working, record);
                            if (conflict != null) { errors.Add(conflict); break; }
                            if (existing != null) working.Remove(existing);
                            working.Add(record);
                            break;
                        default:
                            throw new SandboxServiceException("InvalidInput", $"Invalid XML ; cvc-enumeration-valid: Value '{action}' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'.");
                    }
                }
                if (errors.Count > 0) throw new SandboxServiceException(InvalidChangeBatch, string.Join("\n", errors));
                zone.Records = working;
                var now = _clock.UtcNow;
                var change = new ChangeRecord { Id = NewId("C"), SubmittedAt = now, InSyncAt = now + ChangeDelay, Comment = comment };
                _changes[change.Id] = change;
                return change;
            }
        }

        public ChangeRecord GetChange(string id)
        {
            lock (_gate)
                return _changes.TryGetValue(Route53Names.BareId(id), out var change)
                    ? change
                    : throw new SandboxServiceException("NoSuchChange", $"A change with the specified change ID does not exist: {id}", 404);
        }

        public string ChangeStatus(ChangeRecord change) => _clock.UtcNow >= change.InSyncAt ? "INSYNC" : "PENDING";

        /// <summary>Same CallerReference and same settings answers the existing check (Route 53's idempotency); other settings are refused.</summary>
        public (HealthCheckRecord Check, bool Created) CreateHealthCheck(HealthCheckRecord requested)
        {
            lock (_gate)
            {
                var same = _healthChecks.Values.FirstOrDefault(h => h.CallerReference == requested.CallerReference);
                if (same != null)
                    return same.SameConfig(requested)
                        ? (same, false)
                        : throw new SandboxServiceException("HealthCheckAlreadyExists",
                            $"A health check with the caller reference '{requested.CallerReference}' already exists with other settings.", 409);
                ValidateHealthCheck(requested);
                requested.Id = Guid.NewGuid().ToString();
                requested.StatusChangedAt = _clock.UtcNow;
                _healthChecks[requested.Id] = requested;
                return (requested, true);
            }
        }

        public HealthCheckRecord HealthCheck(string id)
        {
            lock (_gate)
                return _healthChecks.TryGetValue(id, out var check)
                    ? check
                    : throw new SandboxServiceException("NoSuchHealthCheck", $"No health check exists with the specified ID {id}", 404);
        }

        public List<HealthCheckRecord> HealthChecks()
        {
            lock (_gate) return _healthChecks.Values.OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        }

        public void DeleteHealthCheck(string id)
        {
            lock (_gate)
            {
                HealthCheck(id);
                var user = _zones.SelectMany(z => z.Records).FirstOrDefault(r => r.HealthCheckId == id);
                if (user != null)
                    throw new SandboxServiceException("HealthCheckInUse", $"The health check {id} is still referenced from the resource record set {user.Name} {user.Type}.");
                _healthChecks.Remove(id);
            }
        }

        /// <summary>Drills and tests: what the health checkers report from now on.</summary>
        public void SetHealthCheckStatus(string id, bool healthy)
        {
            lock (_gate)
            {
                if (!_healthChecks.TryGetValue(id, out var check)) throw new ArgumentException($"The sandbox has no health check '{id}'.");
                if (check.Healthy != healthy) check.StatusChangedAt = _clock.UtcNow;
                check.Healthy = healthy;
            }
        }

        private HostedZoneRecord FindZone(string id)
        {
            var bare = Route53Names.BareId(id);
            return _zones.FirstOrDefault(z => z.Id == bare)
                ?? throw new SandboxServiceException("NoSuchHostedZone", $"No hosted zone found with ID: {bare}", 404);
        }

        private string? Validate(HostedZoneRecord zone, RecordSetRecord record)
        {
            if (!Route53Names.IsInZone(record.Name, zone.Name))
                return $"RRSet with DNS name {record.Name} is not permitted in zone {zone.Name}";
            if (record.Type == "CNAME" && record.Name == zone.Name)
                return $"RRSet of type CNAME with DNS name {record.Name} is not permitted at apex in zone {zone.Name}";
            if (record.Failover != null && record.SetIdentifier == null)
                return $"Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, ...] when SetIdentifier is present in [name='{record.Name}', type='{record.Type}']";
            if (record.SetIdentifier != null && record.Failover == null)
                return $"Invalid request: Missing field 'Failover' (the sandbox supports failover routing only) in RRSet with DNS name {record.Name}";
            if (record.Failover != null && record.Failover != "PRIMARY" && record.Failover != "SECONDARY")
                return $"Invalid request: Failover must be PRIMARY or SECONDARY in RRSet with DNS name {record.Name}";
            if (record.AliasTarget == null && (record.Ttl == null || record.Values.Count == 0))
                return $"Invalid request: Expected TTL and ResourceRecords in RRSet with DNS name {record.Name} of type {record.Type}";
            if (record.AliasTarget != null && (record.Ttl != null || record.Values.Count > 0))
                return $"Invalid request: an alias RRSet has neither TTL nor ResourceRecords [name='{record.Name}', type='{record.Type}']";
            if (record.Ttl is long ttl && (ttl < 0 || ttl > 2147483647))
                return $"Invalid request: TTL {ttl} is out of range [0, 2147483647]";
            foreach (var value in record.Values)
            {
                if (record.Type == "A" && !(IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && value.Count(c => c == '.') == 3))
                    return $"Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '{value}''";
                if (record.Type == "AAAA" && !(IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
                    return $"Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '{value}''";
            }
            if (record.HealthCheckId != null && !_healthChecks.ContainsKey(record.HealthCheckId))
                throw new SandboxServiceException("NoSuchHealthCheck", $"No health check exists with the specified ID {record.HealthCheckId}", 404);
            return null;
        }

        /// <summary>A simple record and a failover set cannot share a name and type; nor can a CNAME and anything else.</summary>
        private static string? Conflict(List<RecordSetRecord> records, RecordSetRecord record)
        {
            var sameName = records.Where(r => r.Name == record.Name && !r.SameKey(record)).ToList();
            if (sameName.Any(r => r.Type == record.Type && (r.SetIdentifier == null) != (record.SetIdentifier == null)))
                return $"RRSet with DNS name {record.Name}, type {record.Type} cannot be created as a non-failover set exists with the same name and type" +
                       " (or the other way round)";
            if (sameName.Any(r => r.Type != record.Type && (r.Type == "CNAME" || record.Type == "CNAME")))
                return $"RRSet of type CNAME with DNS name {record.Name} is not permitted because a conflicting RRSet of another type with the same DNS name already exists";
            if (record.Failover != null && sameName.Any(r => r.Type == record.Type && r.Failover == record.Failover))
                return $"Tried to create a {record.Failover} failover record set [name='{record.Name}', type='{record.Type}'] but one already exists with another SetIdentifier";
            return null;
        }

        private static void ValidateHealthCheck(HealthCheckRecord check)
        {
            if (check.Type != "HTTP" && check.Type != "HTTPS" && check.Type != "TCP" && check.Type != "HTTP_STR_MATCH" && check.Type != "HTTPS_STR_MATCH")
                throw new SandboxServiceException("InvalidInput", $"Invalid parameter : Type {check.Type} is not supported by the sandbox.");
            if (check.IpAddress == null && check.FullyQualifiedDomainName == null)
                throw new SandboxServiceException("InvalidInput", "Invalid parameter : IPAddress or FullyQualifiedDomainName is required.");
            if (check.IpAddress != null && !IPAddress.TryParse(check.IpAddress, out _))
                throw new SandboxServiceException("InvalidInput", $"Invalid parameter : IPAddress {check.IpAddress} is not an IP address.");
            if (check.RequestInterval != 10 && check.RequestInterval != 30)
                throw new SandboxServiceException("InvalidInput", "Invalid parameter : RequestInterval must be 10 or 30.");
            if (check.FailureThreshold < 1 || check.FailureThreshold > 10)
                throw new SandboxServiceException("InvalidInput", "Invalid parameter : FailureThreshold must be between 1 and 10.");
        }

        private static string SetIdText(RecordSetRecord r) => r.SetIdentifier == null ? "" : $", set-identifier='{r.SetIdentifier}'";

        private string NewId(string prefix) => prefix + (++_nextId).ToString("X12", CultureInfo.InvariantCulture);
    }
}
