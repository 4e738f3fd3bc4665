using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>A hosted zone: its name always lower case with the trailing dot, as Route 53 returns it.</summary>
    internal sealed class HostedZoneRecord
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string CallerReference { get; set; } = "";
        public string? Comment { get; set; }
        public bool PrivateZone { get; set; }
        public List<(string Region, string VpcId)> Vpcs { get; } = new List<(string, string)>();
        public List<RecordSetRecord> Records { get; set; } = new List<RecordSetRecord>();
    }

    internal sealed class AliasTargetRecord
    {
        public string HostedZoneId { get; set; } = "";
        public string DnsName { get; set; } = "";
        public bool EvaluateTargetHealth { get; set; }
    }

    /// <summary>One resource record set; (Name, Type, SetIdentifier) identifies it within a zone.</summary>
    internal sealed class RecordSetRecord
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string? SetIdentifier { get; set; }
        public string? Failover { get; set; }
        public long? Ttl { get; set; }
        public List<string> Values { get; set; } = new List<string>();
        public AliasTargetRecord? AliasTarget { get; set; }
        public string? HealthCheckId { get; set; }

        public bool SameKey(RecordSetRecord other) =>
            Name == other.Name && Type == other.Type && string.Equals(SetIdentifier, other.SetIdentifier, StringComparison.Ordinal);

        /// <summary>A DELETE must name the record set exactly as it stands.</summary>
        public bool SameContent(RecordSetRecord other) =>
            SameKey(other) && Failover == other.Failover && Ttl == other.Ttl && HealthCheckId == other.HealthCheckId &&
            Values.SequenceEqual(other.Values) &&
            (AliasTarget == null) == (other.AliasTarget == null) &&
            (AliasTarget == null || (AliasTarget.DnsName == other.AliasTarget!.DnsName && AliasTarget.HostedZoneId == other.AliasTarget.HostedZoneId &&
                                     AliasTarget.EvaluateTargetHealth == other.AliasTarget.EvaluateTargetHealth));

        /// <summary>Route 53's listing order: name by reversed labels, then type, then set identifier.</summary>
        public string SortKey => Route53Names.SortKey(Name) + "\u0001" + Type + "\u0001" + (SetIdentifier ?? "");
    }

    internal sealed class HealthCheckRecord
    {
        public string Id { get; set; } = "";
        public string CallerReference { get; set; } = "";
        public string Type { get; set; } = "HTTP";
        public string? IpAddress { get; set; }
        public int? Port { get; set; }
        public string? ResourcePath { get; set; }
        public string? FullyQualifiedDomainName { get; set; }
        public int RequestInterval { get; set; } = 30;
        public int FailureThreshold { get; set; } = 3;
        /// <summary>What the sandbox's checkers report; Set-PatternSandbox -HealthCheckStatus changes it.</summary>
        public bool Healthy { get; set; } = true;
        public DateTime StatusChangedAt { get; set; }

        public bool SameConfig(HealthCheckRecord other) =>
            Type == other.Type && IpAddress == other.IpAddress && Port == other.Port && ResourcePath == other.ResourcePath &&
            FullyQualifiedDomainName == other.FullyQualifiedDomainName && RequestInterval == other.RequestInterval &&
            FailureThreshold == other.FailureThreshold;
    }

    internal sealed class ChangeRecord
    {
        public string Id { get; set; } = "";
        public DateTime SubmittedAt { get; set; }
        public DateTime InSyncAt { get; set; }
        public string? Comment { get; set; }
    }

    /// <summary>DNS name rules Route 53 applies: case-insensitive, stored with the trailing dot.</summary>
    internal static class Route53Names
    {
        public static string Normalize(string name)
        {
            var trimmed = (name ?? "").Trim().ToLowerInvariant();
            return trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }

        /// <summary>"www.example.com." → "com.example.www": the order ListResourceRecordSets and ListHostedZonesByName use.</summary>
        public static string SortKey(string name) => string.Join(".", Enumerable.Reverse(Normalize(name).TrimEnd('.').Split('.')));

        public static bool IsInZone(string name, string zone) =>
            name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

        /// <summary>The zone id as it appears in a path: "/hostedzone/Z1" and "Z1" both give "Z1".</summary>
        public static string BareId(string id) => id.Substring(id.LastIndexOf('/') + 1);
    }
}
