using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>Which hosted zone: by id, or by name (with -PrivateZone or -VpcId to pick one of a split-horizon pair).</summary>
    public sealed class HostedZoneSelector
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public bool PrivateZone { get; set; }
        public string? VpcId { get; set; }

        public override string ToString() => Id ?? Name ?? "";
    }

    /// <summary>One Set-Route53Failover, once parameters and Cloud DI are merged: what the name should answer.</summary>
    public sealed class DnsFailoverRequest
    {
        public HostedZoneSelector Zone { get; set; } = new HostedZoneSelector();
        /// <summary>Normalised (lower case, trailing dot).</summary>
        public string RecordName { get; set; } = "";
        /// <summary>A, AAAA or CNAME.</summary>
        public string Type { get; set; } = "A";
        public DnsTarget Primary { get; set; } = null!;
        public DnsTarget Secondary { get; set; } = null!;
        public long Ttl { get; set; } = 60;
        /// <summary>An existing health check that guards the primary.</summary>
        public string? PrimaryHealthCheckId { get; set; }
        /// <summary>A health check to create (or reuse, when the primary already has one with these settings).</summary>
        internal HealthCheckConfig? HealthCheck { get; set; }

        /// <summary>-HealthCheck: checks the settings (<see cref="HealthCheckSpec"/>) and keeps them for the plan.</summary>
        public void UseHealthCheck(System.Collections.Generic.IReadOnlyDictionary<string, object?> settings) => HealthCheck = HealthCheckSpec.Parse(settings);
        public string? SecondaryHealthCheckId { get; set; }
        /// <summary>Switch mode: "Primary" or "Secondary", the side one simple record points at; null for a failover pair.</summary>
        public string? SwitchTo { get; set; }
    }
}
