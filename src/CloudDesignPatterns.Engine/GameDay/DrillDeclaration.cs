using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>A drill as declared (docs/gameday.md), checked: every id well formed, every duration with a unit.</summary>
    public sealed class DrillDeclaration
    {
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public DrillService Service { get; set; } = new DrillService();
        public IReadOnlyList<DrillFault> Faults { get; set; } = Array.Empty<DrillFault>();
        public IReadOnlyList<DrillRecoveryStep> Recovery { get; set; } = Array.Empty<DrillRecoveryStep>();
        public DrillProbe Probe { get; set; } = new DrillProbe();
        public DrillExpectations Expect { get; set; } = new DrillExpectations();
        /// <summary>How long detection plus recovery may take before the drill gives up and fails.</summary>
        public TimeSpan Limit { get; set; } = TimeSpan.FromMinutes(5);
        /// <summary>The file it came from, when it came from one.</summary>
        public string? SourcePath { get; set; }
    }

    public sealed class DrillService
    {
        public DrillServiceKind Kind { get; set; }
        public string? Region { get; set; }
        /// <summary>The instance that serves before the fault (RoutingVip, ElasticIp, SecondaryIp; InstanceData's instance).</summary>
        public string? Primary { get; set; }
        /// <summary>The instance the recovery moves the service to.</summary>
        public string? Standby { get; set; }
        public string? VirtualIp { get; set; }
        public IReadOnlyList<string> RouteTableIds { get; set; } = Array.Empty<string>();
        public string? AllocationId { get; set; }
        public string? PrivateIp { get; set; }
        public string? HostedZoneId { get; set; }
        public string? RecordName { get; set; }

        /// <summary>The recovery mechanism, for the report's side-by-side table.</summary>
        public string Mechanism => Kind switch
        {
            DrillServiceKind.RoutingVip => "Route-table failover",
            DrillServiceKind.ElasticIp => "Elastic IP move",
            DrillServiceKind.SecondaryIp => "Secondary IP move",
            DrillServiceKind.DnsFailover => "Route 53 DNS failover",
            _ => "Snapshot restore",
        };
    }

    public sealed class DrillFault
    {
        public DrillFaultKind Kind { get; set; }
        /// <summary>StopInstance / TerminateInstance: the instance (default: the service's primary).</summary>
        public string? InstanceId { get; set; }
        /// <summary>LoseAvailabilityZone: the zone (default: the primary's).</summary>
        public string? AvailabilityZone { get; set; }
        /// <summary>RouteBlackhole: the interface the routes are pointed at (one that takes no traffic).</summary>
        public string? NetworkInterfaceId { get; set; }
        /// <summary>HealthCheckFailing: the health check (default: the primary record's).</summary>
        public string? HealthCheckId { get; set; }
        /// <summary>ApiThrottled: the bucket size and refill rate.</summary>
        public int Burst { get; set; } = 1;
        public double RefillPerSecond { get; set; } = 1;
        /// <summary>ApiErrors: how many calls fail, with which status, and of which action (all when null).</summary>
        public int Count { get; set; } = 2;
        public int StatusCode { get; set; } = 503;
        public string? Action { get; set; }

        public override string ToString() => Kind + (InstanceId ?? AvailabilityZone ?? NetworkInterfaceId ?? HealthCheckId ?? Action) switch
        {
            null => "",
            var target => " " + target,
        };
    }

    public sealed class DrillRecoveryStep
    {
        public DrillRecoveryKind Kind { get; set; }
        /// <summary>Script: the runbook's text (a .psd1 cannot hold a script block) or the block itself.</summary>
        public object? Script { get; set; }

        public override string ToString() => Kind.ToString();
    }

    public sealed class DrillProbe
    {
        public DrillProbeKind Kind { get; set; }
        public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);
        /// <summary>Script: returns $true while the service is up.</summary>
        public object? Script { get; set; }
    }

    public sealed class DrillExpectations
    {
        public TimeSpan? Rto { get; set; }
        public TimeSpan? Rpo { get; set; }
        public TimeSpan? Detection { get; set; }
    }
}
