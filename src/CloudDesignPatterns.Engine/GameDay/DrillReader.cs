using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>
    /// Turns a drill's hashtable (a .psd1 file's content, or one written inline) into a checked
    /// <see cref="DrillDeclaration"/>. Everything is checked here, before any AWS call: unknown keys, kinds, ids,
    /// durations and their units, and whether the faults and the recovery fit the service.
    /// </summary>
    public static class DrillReader
    {
        public static DrillDeclaration Read(object? source, string? sourcePath = null)
        {
            var root = new DrillTable(source, "Drill", "Name", "Description", "Service", "Fault", "Recovery", "Probe", "Expect", "Limit");
            var service = ReadService(new DrillTable(root.Raw("Service"), "Service", "Kind", "Region", "Primary", "Standby", "VirtualIp",
                "RouteTableId", "AllocationId", "PrivateIp", "HostedZoneId", "RecordName", "InstanceId"));
            var drill = new DrillDeclaration
            {
                Name = root.RequiredText("Name", "to tell drills apart in the report"),
                Description = root.Text("Description") ?? "",
                Service = service,
                Faults = root.List("Fault").Select((f, i) => ReadFault(f, $"Fault[{i}]", service)).ToArray(),
                Recovery = ReadRecovery(root, service),
                Probe = ReadProbe(root.Raw("Probe"), service),
                Expect = ReadExpectations(root.Raw("Expect")),
                Limit = root.Duration("Limit") ?? TimeSpan.FromMinutes(5),
                SourcePath = sourcePath,
            };
            if (drill.Faults.Count == 0) throw DrillTable.Invalid("DrillMissingKey", "Drill.Fault is required: the fault the drill injects.");
            if (!drill.Faults.Any(f => DrillFaultKinds.BreaksService(f.Kind)))
                throw DrillTable.Invalid("DrillNoServiceFault", "Drill.Fault has only faults that hold during the recovery (ImdsDown, ApiThrottled, ApiErrors): add one that breaks the service.");
            return drill;
        }

        private static DrillService ReadService(DrillTable t)
        {
            var s = new DrillService { Kind = t.Enum<DrillServiceKind>("Kind"), Region = t.Text("Region") };
            if (s.Region != null) ResourceId.RequireRegionName(s.Region, "Service.Region");
            switch (s.Kind)
            {
                case DrillServiceKind.RoutingVip:
                    s.VirtualIp = Ipv4(t.RequiredText("VirtualIp", "for a RoutingVip service"), "Service.VirtualIp");
                    s.RouteTableIds = t.List("RouteTableId").Select(v => Id(ResourceKind.RouteTable, v, "Service.RouteTableId")).ToArray();
                    if (s.RouteTableIds.Count == 0) throw DrillTable.Invalid("DrillMissingKey", "Service.RouteTableId is required for a RoutingVip service.");
                    RequirePair(t, s);
                    break;
                case DrillServiceKind.ElasticIp:
                    s.AllocationId = Id(ResourceKind.ElasticIpAllocation, t.RequiredText("AllocationId", "for an ElasticIp service"), "Service.AllocationId");
                    RequirePair(t, s);
                    break;
                case DrillServiceKind.SecondaryIp:
                    s.PrivateIp = Ipv4(t.RequiredText("PrivateIp", "for a SecondaryIp service"), "Service.PrivateIp");
                    RequirePair(t, s);
                    break;
                case DrillServiceKind.DnsFailover:
                    s.HostedZoneId = t.RequiredText("HostedZoneId", "for a DnsFailover service");
                    s.RecordName = t.RequiredText("RecordName", "for a DnsFailover service").TrimEnd('.');
                    break;
                case DrillServiceKind.InstanceData:
                    s.Primary = Id(ResourceKind.Instance, t.RequiredText("InstanceId", "for an InstanceData service"), "Service.InstanceId");
                    break;
            }
            return s;
        }

        private static void RequirePair(DrillTable t, DrillService s)
        {
            s.Primary = Id(ResourceKind.Instance, t.RequiredText("Primary", $"for a {s.Kind} service"), "Service.Primary");
            s.Standby = Id(ResourceKind.Instance, t.RequiredText("Standby", $"for a {s.Kind} service"), "Service.Standby");
            if (s.Primary == s.Standby) throw DrillTable.Invalid("DrillInvalid", "Service.Standby must be another instance than Service.Primary.");
        }

        private static DrillFault ReadFault(object? source, string path, DrillService service)
        {
            var t = new DrillTable(source, path, "Kind", "InstanceId", "AvailabilityZone", "NetworkInterfaceId", "HealthCheckId",
                "Burst", "RefillPerSecond", "Count", "StatusCode", "Action");
            var f = new DrillFault { Kind = t.Enum<DrillFaultKind>("Kind") };
            switch (f.Kind)
            {
                case DrillFaultKind.StopInstance:
                case DrillFaultKind.TerminateInstance:
                    f.InstanceId = Id(ResourceKind.Instance, t.Text("InstanceId") ?? service.Primary
                        ?? throw DrillTable.Invalid("DrillMissingKey", $"{path}.InstanceId is required: the service has no primary instance."), $"{path}.InstanceId");
                    break;
                case DrillFaultKind.LoseAvailabilityZone:
                    f.AvailabilityZone = t.Text("AvailabilityZone");
                    if (f.AvailabilityZone == null && service.Primary == null)
                        throw DrillTable.Invalid("DrillMissingKey", $"{path}.AvailabilityZone is required: the service has no primary instance to take it from.");
                    break;
                case DrillFaultKind.RouteBlackhole:
                    if (service.Kind != DrillServiceKind.RoutingVip)
                        throw DrillTable.Invalid("DrillFaultDoesNotFit", $"{path}: RouteBlackhole needs a RoutingVip service (it rewrites the virtual IP's routes).");
                    f.NetworkInterfaceId = Id(ResourceKind.NetworkInterface, t.RequiredText("NetworkInterfaceId", "for RouteBlackhole: an interface that takes no traffic"), $"{path}.NetworkInterfaceId");
                    break;
                case DrillFaultKind.HealthCheckFailing:
                    if (service.Kind != DrillServiceKind.DnsFailover)
                        throw DrillTable.Invalid("DrillFaultDoesNotFit", $"{path}: HealthCheckFailing needs a DnsFailover service.");
                    f.HealthCheckId = t.Text("HealthCheckId");
                    break;
                case DrillFaultKind.ApiThrottled:
                    f.Burst = (int)t.Number("Burst", 1, 1, 100000);
                    f.RefillPerSecond = t.Number("RefillPerSecond", 1, 0.001, 100000);
                    break;
                case DrillFaultKind.ApiErrors:
                    f.Count = (int)t.Number("Count", 2, 1, 100000);
                    f.StatusCode = (int)t.Number("StatusCode", 503, 500, 503);
                    if (f.StatusCode != 500 && f.StatusCode != 503) throw DrillTable.Invalid("DrillInvalid", $"{path}.StatusCode must be 500 or 503.");
                    f.Action = t.Text("Action");
                    break;
            }
            return f;
        }

        private static IReadOnlyList<DrillRecoveryStep> ReadRecovery(DrillTable root, DrillService service)
        {
            var steps = root.List("Recovery").Select((r, i) =>
            {
                var t = new DrillTable(r, $"Recovery[{i}]", "Kind", "Script");
                var step = new DrillRecoveryStep { Kind = t.Enum<DrillRecoveryKind>("Kind", t.Has("Script") ? DrillRecoveryKind.Script : (DrillRecoveryKind?)null), Script = t.Raw("Script") };
                if (step.Kind == DrillRecoveryKind.Script && !t.Has("Script"))
                    throw DrillTable.Invalid("DrillMissingKey", $"Recovery[{i}].Script is required for a Script step.");
                if (!Fits(step.Kind, service.Kind))
                    throw DrillTable.Invalid("DrillRecoveryDoesNotFit", $"Recovery[{i}]: {step.Kind} cannot recover a {service.Kind} service.");
                return step;
            }).ToArray();
            if (steps.Length == 0) throw DrillTable.Invalid("DrillMissingKey", "Drill.Recovery is required: the pattern cmdlet or the runbook that recovers the service.");
            return steps;
        }

        private static bool Fits(DrillRecoveryKind recovery, DrillServiceKind service) => recovery switch
        {
            DrillRecoveryKind.SetRoutingFailover => service == DrillServiceKind.RoutingVip,
            DrillRecoveryKind.MoveFloatingIp => service == DrillServiceKind.ElasticIp || service == DrillServiceKind.SecondaryIp,
            DrillRecoveryKind.Route53SwitchTo => service == DrillServiceKind.DnsFailover,
            DrillRecoveryKind.Route53HealthCheck => service == DrillServiceKind.DnsFailover,
            DrillRecoveryKind.RestoreSnapshot => service == DrillServiceKind.InstanceData,
            _ => true,
        };

        private static DrillProbe ReadProbe(object? source, DrillService service)
        {
            var fallback = service.Kind switch
            {
                DrillServiceKind.RoutingVip => DrillProbeKind.RoutingFailover,
                DrillServiceKind.DnsFailover => DrillProbeKind.Route53Failover,
                DrillServiceKind.InstanceData => DrillProbeKind.InstanceData,
                _ => DrillProbeKind.FloatingIp,
            };
            if (source == null) return new DrillProbe { Kind = fallback };
            var t = new DrillTable(source, "Probe", "Kind", "Interval", "Script");
            var probe = new DrillProbe
            {
                Kind = t.Enum<DrillProbeKind>("Kind", t.Has("Script") ? DrillProbeKind.Script : fallback),
                Interval = t.Duration("Interval") ?? TimeSpan.FromMilliseconds(250),
                Script = t.Raw("Script"),
            };
            if (probe.Kind == DrillProbeKind.Script && probe.Script == null) throw DrillTable.Invalid("DrillMissingKey", "Probe.Script is required for a Script probe.");
            if (probe.Kind != DrillProbeKind.Script && probe.Kind != fallback)
                throw DrillTable.Invalid("DrillProbeDoesNotFit", $"Probe.Kind {probe.Kind} cannot watch a {service.Kind} service (use {fallback} or Script).");
            return probe;
        }

        private static DrillExpectations ReadExpectations(object? source)
        {
            if (source == null) return new DrillExpectations();
            var t = new DrillTable(source, "Expect", "Rto", "Rpo", "Detection");
            return new DrillExpectations { Rto = t.Duration("Rto"), Rpo = t.Duration("Rpo"), Detection = t.Duration("Detection") };
        }

        private static string Id(ResourceKind kind, object? value, string key)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            if (ResourceId.IsValid(kind, text)) return text!;
            throw DrillTable.Invalid("DrillInvalidId", $"{key} = '{text}' is not a {ResourceId.Noun(kind)} id: expected {ResourceId.ExpectedForm(kind)}.");
        }

        /// <summary>An address as routing reads a virtual IP: dotted decimal only (010 and 0x7f are refused), /32 allowed.</summary>
        private static string Ipv4(string text, string key)
            => Routing.VirtualIp.TryParse(text, out var address) ? address!.Address
                : throw DrillTable.Invalid("DrillInvalid", $"{key} = '{text}' is not an IPv4 address in dotted decimal.");
    }
}
