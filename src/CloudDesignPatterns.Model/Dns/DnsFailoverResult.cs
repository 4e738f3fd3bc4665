using System;

namespace CloudDesignPatterns.Model.Dns
{
    /// <summary>How a name fails over: a PRIMARY/SECONDARY pair that Route 53 switches by health check, or one simple record the operator points at one side.</summary>
    public enum DnsFailoverMode
    {
        FailoverPair,
        Switch,
    }

    /// <summary>
    /// What Set-Route53Failover did to one name, as read back after the change. HostedZoneId, RecordName and Type bind by
    /// property name to Get-Route53Failover.
    /// </summary>
    public sealed class DnsFailoverResult
    {
        public string HostedZoneId { get; set; } = "";
        /// <summary>The zone's name, with the trailing dot.</summary>
        public string ZoneName { get; set; } = "";
        public bool PrivateZone { get; set; }
        /// <summary>The record's name, normalised (lower case, trailing dot).</summary>
        public string RecordName { get; set; } = "";
        /// <summary>A, AAAA or CNAME.</summary>
        public string Type { get; set; } = "A";
        public DnsFailoverMode Mode { get; set; }
        /// <summary>Seconds resolvers may cache the answer (the alias secondary has none of its own).</summary>
        public long Ttl { get; set; }
        /// <summary>The primary's value: an address, or a name for CNAME.</summary>
        public string Primary { get; set; } = "";
        /// <summary>The secondary's value, or the alias target's DNS name (for example an S3 website endpoint).</summary>
        public string Secondary { get; set; } = "";
        /// <summary>The hosted zone of the secondary's alias target; null when the secondary is a plain value.</summary>
        public string? SecondaryAliasHostedZoneId { get; set; }
        public string? PrimaryHealthCheckId { get; set; }
        public string? SecondaryHealthCheckId { get; set; }
        /// <summary>True when this run created the primary's health check (from -HealthCheck).</summary>
        public bool HealthCheckCreated { get; set; }
        /// <summary>Switch mode: the side the simple record now points at. Null for a failover pair (Route 53 chooses).</summary>
        public string? ActiveSide { get; set; }
        /// <summary>What was sent, one line per change ("UPSERT PRIMARY app.example.com. A 10.0.1.10"); empty when nothing had to change.</summary>
        public string[] Changes { get; set; } = new string[0];
        /// <summary>The change's id; null when nothing was sent.</summary>
        public string? ChangeId { get; set; }
        /// <summary>Unchanged (nothing sent), PENDING or INSYNC (Route 53's change status, after -Wait).</summary>
        public string Status { get; set; } = "Unchanged";
        /// <summary>
        /// How long clients may keep the old answer after the primary fails: health-check detection (interval × failure
        /// threshold) plus the TTL for a pair; the TTL alone for a switch (once the change is INSYNC).
        /// </summary>
        public TimeSpan ExpectedFailoverTime { get; set; }
        public string Region { get; set; } = "";
        public long ElapsedMilliseconds { get; set; }

        public override string ToString() => $"{RecordName} {Type} {Mode}: {Primary} / {Secondary} ({Status})";
    }
}
