using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.GameDay;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Model.Dns;
using CloudDesignPatterns.Model.FloatingIp;
using CloudDesignPatterns.Model.GameDay;
using CloudDesignPatterns.Model.Routing;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Commands.GameDay
{
    /// <summary>
    /// A drill's world: faults through plain EC2 actions (and, in the sandbox, its control API), recovery and probes
    /// through the pattern cmdlets, API calls from the sandbox's call log. Engine calls run without the pipeline pump,
    /// and put-backs ignore the cancel token, so a fault is taken back even after Ctrl+C.
    /// </summary>
    internal sealed class DrillEnvironment : IDrillEnvironment
    {
        private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
        private readonly DrillEc2 ec2;
        private readonly Route53Session? route53;
        private readonly ISandboxControl? sandbox;
        private readonly DrillCommands commands;
        private readonly CancellationToken cancel;
        private readonly List<GameDayEvent> events = new List<GameDayEvent>();
        private readonly Dictionary<DrillFault, object> undo = new Dictionary<DrillFault, object>();
        private readonly ResolverCache resolver;
        private DnsFailoverStatus? pair;
        private RestoreResult? restored;
        private string? downHealthCheck;
        private (string Id, DateTime At)? checkersVerdict;

        public DrillEnvironment(DrillEc2 ec2, Route53Session? route53, ISandboxControl? sandbox, DrillCommands commands, CancellationToken cancel)
        {
            this.ec2 = ec2;
            this.route53 = route53;
            this.sandbox = sandbox;
            this.commands = commands;
            this.cancel = cancel;
            resolver = new ResolverCache(events);
        }

        public DateTime UtcNow => DateTime.UtcNow;

        public void Sleep(TimeSpan pause, CancellationToken token)
        {
            if (token.WaitHandle.WaitOne(pause)) throw new OperationCanceledException(token);
        }

        public void Prepare(DrillDeclaration drill, int run)
        {
            var s = drill.Service;
            var instances = new[] { s.Primary, s.Standby }.Concat(drill.Faults.Select(f => f.InstanceId)).Where(i => i != null).Select(i => i!).Distinct().ToArray();
            var described = instances.Length > 0 ? Sync(ct => ec2.DescribeAsync(instances, ct), cancel) : Array.Empty<DrillInstance>();
            if (s.Kind == DrillServiceKind.DnsFailover) PrepareDns(drill, run);
            else if (s.Kind == DrillServiceKind.InstanceData) restored = null;
            else FailBackIfNeeded(drill, run, described.Single(i => i.InstanceId == s.Primary));
            var baseline = Probe(drill);
            if (!baseline.Healthy)
                throw new PatternException("DrillServiceDown", PatternErrorCategory.InvalidOperation, $"The service is down before the fault ({baseline.Detail}): a drill starts from a working service.");
            events.Clear();
        }

        public TimeSpan? DataAge(DrillDeclaration drill, DateTime at)
        {
            if (drill.Service.Kind != DrillServiceKind.InstanceData) return null;
            var newest = Sets(drill).Where(x => x.State == SnapshotSetState.Completed && x.CreatedAt <= at).OrderByDescending(x => x.CreatedAt).FirstOrDefault();
            return newest == null ? (TimeSpan?)null : at - newest.CreatedAt.ToUniversalTime();
        }

        public void Inject(DrillFault fault, DrillDeclaration drill)
        {
            switch (fault.Kind)
            {
                case DrillFaultKind.StopInstance:
                    Sync(ct => ec2.StopAsync(new[] { fault.InstanceId! }, ct), cancel);
                    undo[fault] = new[] { fault.InstanceId! };
                    break;
                case DrillFaultKind.TerminateInstance:
                    Sync(ct => ec2.TerminateAsync(new[] { fault.InstanceId! }, ct), cancel);
                    break;
                case DrillFaultKind.LoseAvailabilityZone:
                    var zone = fault.AvailabilityZone ?? Sync(ct => ec2.DescribeAsync(new[] { drill.Service.Primary! }, ct), cancel)[0].AvailabilityZone;
                    var lost = ZoneInstances(drill, zone);
                    if (lost.Count > 0) Sync(ct => ec2.StopAsync(lost, ct), cancel);
                    undo[fault] = lost.ToArray();
                    break;
                case DrillFaultKind.RouteBlackhole:
                    var cidr = drill.Service.VirtualIp + "/32";
                    var before = Sync(ct => ec2.RouteTargetsAsync(drill.Service.RouteTableIds, cidr, ct), cancel);
                    undo[fault] = before;
                    foreach (var table in drill.Service.RouteTableIds) Sync(ct => ec2.ReplaceRouteAsync(table, cidr, fault.NetworkInterfaceId!, ct), cancel);
                    break;
                case DrillFaultKind.HealthCheckFailing:
                    var id = fault.HealthCheckId ?? pair?.Primary?.HealthCheckId
                        ?? throw new PatternException("DrillMissingHealthCheck", PatternErrorCategory.InvalidArgument, "The primary record has no health check: name one with Fault.HealthCheckId.");
                    var window = Sync(ct => DrillRoute53.DetectionWindowAsync(route53!, id, ct), cancel);
                    // The endpoint goes down now; Route 53's checkers call it unhealthy only after interval × threshold.
                    resolver.Refresh(ReadDns(drill), UtcNow);
                    downHealthCheck = id;
                    checkersVerdict = (id, UtcNow + window);
                    events.Add(new GameDayEvent { Kind = GameDayEventKind.Modelled, TimeUtc = UtcNow, Duration = window,
                        Description = $"Route 53's checkers: {window.TotalSeconds:0} s (request interval × failure threshold) before {id} is unhealthy" });
                    break;
                default:
                    ChangeSandboxFaults(fault, add: true);
                    break;
            }
        }

        public string Remove(DrillFault fault, DrillDeclaration drill)
        {
            var none = CancellationToken.None;
            switch (fault.Kind)
            {
                case DrillFaultKind.StopInstance:
                case DrillFaultKind.LoseAvailabilityZone:
                    var stopped = (string[])undo[fault];
                    if (stopped.Length == 0) return $"{fault}: no instance was stopped";
                    Sync(ct => ec2.WaitStateAsync(stopped, "stopped", StartLimit, ct), none);
                    Sync(ct => ec2.StartAsync(stopped, ct), none);
                    Sync(ct => ec2.WaitStateAsync(stopped, "running", StartLimit, ct), none);
                    return $"started {string.Join(", ", stopped)} again (read back: running)";
                case DrillFaultKind.TerminateInstance:
                    return $"{fault.InstanceId} stays terminated: a terminated instance cannot be brought back";
                case DrillFaultKind.RouteBlackhole:
                    var cidr = drill.Service.VirtualIp + "/32";
                    var before = (IReadOnlyDictionary<string, string?>)undo[fault];
                    var now = Sync(ct => ec2.RouteTargetsAsync(drill.Service.RouteTableIds, cidr, ct), none);
                    var back = now.Where(t => t.Value == fault.NetworkInterfaceId && before[t.Key] != null).Select(t => t.Key).ToArray();
                    foreach (var table in back) Sync(ct => ec2.ReplaceRouteAsync(table, cidr, before[table]!, ct), none);
                    return back.Length == 0 ? "the recovery had already moved every route off the blackhole" : $"routes of {string.Join(", ", back)} pointed back at their targets";
                case DrillFaultKind.HealthCheckFailing:
                    downHealthCheck = null;
                    checkersVerdict = null;
                    sandbox?.SetHealthCheckStatus(fault.HealthCheckId ?? pair!.Primary!.HealthCheckId!, true);
                    return "the primary's endpoint is up again and its health check healthy";
                default:
                    ChangeSandboxFaults(fault, add: false);
                    return $"{fault.Kind} cleared";
            }
        }

        public ProbeReading Probe(DrillDeclaration drill)
        {
            ApplyCheckersVerdict();
            var s = drill.Service;
            switch (drill.Probe.Kind)
            {
                case DrillProbeKind.Script:
                    var answer = commands.InvokeScript(drill.Probe.Script);
                    var up = answer.Length > 0 && LanguagePrimitives.IsTrue(answer[answer.Length - 1]);
                    return new ProbeReading(up, $"the probe script returned {(answer.Length == 0 ? "nothing" : answer[answer.Length - 1])}");
                case DrillProbeKind.RoutingFailover:
                    var routes = commands.Invoke("Get-RoutingFailover", new Hashtable { ["VirtualIp"] = s.VirtualIp, ["RouteTableId"] = s.RouteTableIds.ToArray() }).OfType<RoutingFailoverRoute>().ToArray();
                    var active = routes.Length > 0 && routes.All(r => r.HasRoute && r.State == "active");
                    return new ProbeReading(active, string.Join("; ", routes.Select(r => $"{r.RouteTableId} → {r.NetworkInterfaceId ?? r.GatewayId ?? "no route"} ({r.InstanceId ?? "-"}) {r.State}")));
                case DrillProbeKind.FloatingIp:
                    var address = commands.Invoke("Get-FloatingIp", s.AllocationId != null ? new Hashtable { ["AllocationId"] = s.AllocationId } : new Hashtable { ["PrivateIp"] = s.PrivateIp })
                        .OfType<FloatingIpAddress>().FirstOrDefault();
                    if (address?.HolderInstanceId == null) return new ProbeReading(false, $"{s.AllocationId ?? s.PrivateIp} is not associated");
                    var holder = Sync(ct => ec2.DescribeAsync(new[] { address.HolderInstanceId }, ct), cancel)[0];
                    return new ProbeReading(holder.Running, $"{address} on {holder.InstanceId} ({holder.State})");
                case DrillProbeKind.Route53Failover:
                    var cached = resolver.Answer(UtcNow, () => ReadDns(drill));
                    var healthy = cached.Value.Length > 0 && !(downHealthCheck != null && cached.Value == pair?.Primary?.Value);
                    return new ProbeReading(healthy, $"clients resolve {s.RecordName} to {cached.Value} ({cached.Side}, cached until +{cached.ExpiresIn(UtcNow).TotalSeconds:0.#} s)");
                default:
                    return ProbeData(drill);
            }
        }

        public RecoveryStepOutcome Recover(DrillRecoveryStep step, DrillDeclaration drill)
        {
            var s = drill.Service;
            try
            {
                switch (step.Kind)
                {
                    case DrillRecoveryKind.SetRoutingFailover:
                        var routed = commands.Invoke("Set-RoutingFailover", new Hashtable { ["VirtualIp"] = s.VirtualIp, ["RouteTableId"] = s.RouteTableIds.ToArray(), ["InstanceId"] = s.Standby, ["Confirm"] = false })
                            .OfType<RoutingFailoverResult>().Single();
                        return Outcome($"Set-RoutingFailover {s.VirtualIp} → {s.Standby}: {string.Join(", ", routed.Tables.Select(t => t.RouteTableId + " " + t.Outcome))}", routed.Succeeded, "a route table did not switch");
                    case DrillRecoveryKind.MoveFloatingIp:
                        var moved = commands.Invoke("Move-FloatingIp", Address(s, s.Standby!)).OfType<FloatingIpMoveResult>().Single();
                        return Outcome($"Move-FloatingIp {s.AllocationId ?? s.PrivateIp} → {moved.InstanceId}", moved.InstanceId == s.Standby, $"the address is on {moved.InstanceId}");
                    case DrillRecoveryKind.Route53SwitchTo:
                        var switched = commands.Invoke("Set-Route53Failover", PairParameters(drill, "Secondary")).OfType<DnsFailoverResult>().Single();
                        return Outcome($"Set-Route53Failover -SwitchTo Secondary: {switched.RecordName} → {pair!.Secondary!.Value} ({switched.Status})", true, "");
                    case DrillRecoveryKind.Route53HealthCheck:
                        return Outcome("none: Route 53 answers with the secondary once its checkers see the primary fail", true, "");
                    case DrillRecoveryKind.RestoreSnapshot:
                        var newest = Sets(drill).Where(x => x.State == SnapshotSetState.Completed).OrderByDescending(x => x.CreatedAt).FirstOrDefault()
                            ?? throw new PatternException("DrillNoSnapshotSet", PatternErrorCategory.ObjectNotFound, $"{s.Primary} has no completed snapshot set to restore.");
                        restored = commands.Invoke("Restore-PatternSnapshot", new Hashtable { ["InputObject"] = newest, ["Wait"] = true, ["Confirm"] = false }).OfType<RestoreResult>().Single();
                        return Outcome($"Restore-PatternSnapshot {newest.SetId} → {restored} (left in place for inspection)", true, "");
                    default:
                        commands.InvokeScript(step.Script);
                        return Outcome("the runbook script", true, "");
                }
            }
            catch (Exception e) when (DrillCommands.Failure(e) is string why)
            {
                return new RecoveryStepOutcome { Description = step.Kind.ToString(), Succeeded = false, Error = why };
            }
        }

        public long CallMark() => sandbox?.GetCalls().LastOrDefault()?.Sequence ?? 0;

        public string[] CallsSince(long mark)
            => sandbox == null ? Array.Empty<string>()
                : sandbox.GetCalls(mark).Where(c => c.Service != "imds").Select(c => $"{c.Service}:{c.Action} {c.HttpStatus}").ToArray();

        public IReadOnlyList<GameDayEvent> TakeEvents()
        {
            var taken = events.ToArray();
            events.Clear();
            return taken;
        }

        /// <summary>In the sandbox, Route 53's checkers reach their verdict when the detection window has passed.</summary>
        private void ApplyCheckersVerdict()
        {
            if (checkersVerdict is (string id, DateTime at) && UtcNow >= at && sandbox != null)
            {
                sandbox.SetHealthCheckStatus(id, false);
                checkersVerdict = null;
            }
        }

        private ProbeReading ProbeData(DrillDeclaration drill)
        {
            if (restored?.Launched == true && restored.InstanceId != null)
            {
                var launched = Sync(ct => ec2.DescribeAsync(new[] { restored.InstanceId }, ct), cancel)[0];
                return new ProbeReading(launched.Running, $"restored instance {launched.InstanceId} is {launched.State}");
            }
            if (restored != null)
            {
                var ready = restored.Volumes.Length > 0 && restored.Volumes.All(v => v.State == "available" || v.State == "in-use");
                return new ProbeReading(ready, $"restored {string.Join(", ", restored.Volumes.Select(v => v.VolumeId + " " + v.State))}");
            }
            var instance = Sync(ct => ec2.DescribeAsync(new[] { drill.Service.Primary! }, ct), cancel)[0];
            return new ProbeReading(instance.Running, $"{instance.InstanceId} is {instance.State}");
        }

        private void PrepareDns(DrillDeclaration drill, int run)
        {
            resolver.Clear();
            var status = ReadDns(drill);
            if (run == 1)
            {
                if (status.Primary == null || status.Secondary == null || status.Answering != "Primary")
                    throw new PatternException("DrillNotOnPrimary", PatternErrorCategory.InvalidOperation,
                        $"{drill.Service.RecordName} must be a PRIMARY/SECONDARY pair answering with its primary before the drill (it answers {status.Answering} {status.AnswerValue}).");
                pair = status;
            }
            else if (status.Answering != "Primary")
                commands.Invoke("Set-Route53Failover", PairParameters(drill, null));
            foreach (var check in drill.Faults.Select(f => f.HealthCheckId).Append(pair!.Primary!.HealthCheckId).Where(c => c != null).Distinct())
                Sync(ct => DrillRoute53.DetectionWindowAsync(route53!, check!, ct), cancel);
        }

        private DnsFailoverStatus ReadDns(DrillDeclaration drill)
            => commands.Invoke("Get-Route53Failover", new Hashtable { ["HostedZoneId"] = drill.Service.HostedZoneId, ["RecordName"] = drill.Service.RecordName })
                .OfType<DnsFailoverStatus>().Single();

        /// <summary>The pair as it was before the fault: switched to one side, or (side null) restored as a pair.</summary>
        private Hashtable PairParameters(DrillDeclaration drill, string? side)
        {
            var p = new Hashtable
            {
                ["HostedZoneId"] = drill.Service.HostedZoneId, ["RecordName"] = drill.Service.RecordName, ["Primary"] = pair!.Primary!.Value,
                ["Secondary"] = pair.Secondary!.Value, ["Confirm"] = false,
            };
            if (pair.Ttl != null) p["Ttl"] = pair.Ttl;
            if (pair.Secondary.AliasHostedZoneId != null) p["SecondaryAliasHostedZoneId"] = pair.Secondary.AliasHostedZoneId;
            if (side != null) p["SwitchTo"] = side;
            else if (pair.Primary.HealthCheckId != null) p["HealthCheckId"] = pair.Primary.HealthCheckId;
            return p;
        }

        /// <summary>Later runs start where the first did: the service back on its primary (the recovery, reversed).</summary>
        private void FailBackIfNeeded(DrillDeclaration drill, int run, DrillInstance primary)
        {
            var s = drill.Service;
            if (!primary.Running)
                throw new PatternException("DrillServiceDown", PatternErrorCategory.InvalidOperation, $"The primary {s.Primary} is {primary.State}: a drill starts from a running primary.");
            string? servedBy;
            if (s.Kind == DrillServiceKind.RoutingVip)
            {
                var targets = Sync(ct => ec2.RouteTargetsAsync(s.RouteTableIds, s.VirtualIp + "/32", ct), cancel);
                servedBy = targets.Values.All(v => v == primary.NetworkInterfaceId) ? s.Primary : string.Join(", ", targets.Select(t => $"{t.Key} → {t.Value ?? "no route"}"));
            }
            else
                servedBy = commands.Invoke("Get-FloatingIp", Address(s, null)).OfType<FloatingIpAddress>().FirstOrDefault()?.HolderInstanceId ?? "nobody";
            if (servedBy == s.Primary) return;
            if (run == 1)
                throw new PatternException("DrillNotOnPrimary", PatternErrorCategory.InvalidOperation, $"The service is not on its primary {s.Primary} before the drill ({servedBy}).");
            if (s.Kind == DrillServiceKind.RoutingVip)
                commands.Invoke("Set-RoutingFailover", new Hashtable { ["VirtualIp"] = s.VirtualIp, ["RouteTableId"] = s.RouteTableIds.ToArray(), ["InstanceId"] = s.Primary, ["Confirm"] = false });
            else
                commands.Invoke("Move-FloatingIp", Address(s, s.Primary!));
        }

        private static Hashtable Address(DrillService s, string? to)
        {
            var p = s.AllocationId != null ? new Hashtable { ["AllocationId"] = s.AllocationId } : new Hashtable { ["PrivateIp"] = s.PrivateIp };
            if (to != null) { p["InstanceId"] = to; p["Confirm"] = false; }
            return p;
        }

        private SnapshotSet[] Sets(DrillDeclaration drill)
            => commands.Invoke("Get-PatternSnapshot", new Hashtable { ["InstanceId"] = drill.Service.Primary }).OfType<SnapshotSet>().ToArray();

        /// <summary>The sandbox loses every running instance of the zone; on AWS only the declared instances in it are touched.</summary>
        private IReadOnlyList<string> ZoneInstances(DrillDeclaration drill, string zone)
        {
            if (sandbox != null) return Sync(ct => ec2.RunningInZoneAsync(zone, ct), cancel);
            var declared = new[] { drill.Service.Primary, drill.Service.Standby }.Where(i => i != null).Select(i => i!).ToArray();
            return Sync(ct => ec2.DescribeAsync(declared, ct), cancel).Where(i => i.AvailabilityZone == zone && i.Running).Select(i => i.InstanceId).ToArray();
        }

        /// <summary>Adds or clears one kind of API fault, leaving the sandbox's other faults as they were.</summary>
        private void ChangeSandboxFaults(DrillFault fault, bool add)
        {
            if (sandbox == null)
                throw new PatternException("DrillFaultNotSupported", PatternErrorCategory.InvalidOperation, $"{fault.Kind} can only be injected into the sandbox.");
            var faults = sandbox.GetFaults();
            switch (fault.Kind)
            {
                case DrillFaultKind.ImdsDown: faults.ImdsDown = add; break;
                case DrillFaultKind.ApiThrottled:
                    faults.Throttle = add ? new ThrottleFault { Burst = fault.Burst, RefillPerSecond = fault.RefillPerSecond, Scope = ThrottleScope.Mutating } : null;
                    break;
                case DrillFaultKind.ApiErrors:
                    faults.ServerErrors = add ? new ServerErrorFault { Count = fault.Count, StatusCode = fault.StatusCode, Action = fault.Action } : null;
                    break;
            }
            sandbox.SetFaults(faults);
        }

        private static RecoveryStepOutcome Outcome(string description, bool succeeded, string error)
            => new RecoveryStepOutcome { Description = description, Succeeded = succeeded, Error = succeeded ? null : error };

        private static T Sync<T>(Func<CancellationToken, Task<T>> work, CancellationToken token) => work(token).GetAwaiter().GetResult();

        private static void Sync(Func<CancellationToken, Task> work, CancellationToken token) => work(token).GetAwaiter().GetResult();
    }
}
