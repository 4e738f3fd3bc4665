namespace CloudDesignPatterns.Model.Dns
{
    /// <summary>The health of one side as Route 53's checkers report it.</summary>
    public enum DnsSideHealth
    {
        /// <summary>No health check guards this side: Route 53 treats it as healthy.</summary>
        NotChecked,
        Healthy,
        Unhealthy,
    }

    /// <summary>One side of a failover name: its value and the health Route 53 decides on.</summary>
    public sealed class DnsFailoverSide
    {
        /// <summary>PRIMARY, SECONDARY, or SIMPLE for a plain record.</summary>
        public string Role { get; set; } = "";
        public string? SetIdentifier { get; set; }
        /// <summary>The value(s), or the alias target's DNS name.</summary>
        public string Value { get; set; } = "";
        public string? AliasHostedZoneId { get; set; }
        public string? HealthCheckId { get; set; }
        public DnsSideHealth Health { get; set; }
        /// <summary>The checkers' reports behind <see cref="Health"/> ("3 of 3 checkers report success").</summary>
        public string HealthDetail { get; set; } = "";

        public override string ToString() => $"{Role} {Value} ({Health})";
    }

    /// <summary>Get-Route53Failover: one name as it stands and the side Route 53 answers with now.</summary>
    public sealed class DnsFailoverStatus
    {
        public string HostedZoneId { get; set; } = "";
        public string ZoneName { get; set; } = "";
        public string RecordName { get; set; } = "";
        public string Type { get; set; } = "A";
        /// <summary>FailoverPair, Switch (one simple record), or null when the name has no such record.</summary>
        public DnsFailoverMode? Mode { get; set; }
        public long? Ttl { get; set; }
        public DnsFailoverSide? Primary { get; set; }
        public DnsFailoverSide? Secondary { get; set; }
        /// <summary>
        /// Primary or Secondary: the side Route 53 answers with by its failover rules (the primary while it is healthy or
        /// not checked; the secondary when the primary is unhealthy and the secondary is not; the primary when both are
        /// unhealthy). Simple for one simple record (a switch: it answers with its value whatever the health), None when
        /// there is no record.
        /// </summary>
        public string Answering { get; set; } = "None";
        /// <summary>The value(s) Route 53 answers with now.</summary>
        public string AnswerValue { get; set; } = "";
        public string Region { get; set; } = "";

        public override string ToString() => $"{RecordName} {Type}: {Answering} {AnswerValue}";
    }
}
