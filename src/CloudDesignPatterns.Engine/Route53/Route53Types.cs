using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Route53
{
    // Request and response shapes named as AWSSDK.Route53 names them (Amazon.Route53.Model), with the members this
    // module uses, so the package can replace the REST client later without the patterns changing.

    internal sealed class HostedZone
    {
        /// <summary>The bare id ("Z123…"): the "/hostedzone/" prefix Route 53 returns is stripped when parsed.</summary>
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public bool PrivateZone { get; set; }
        public long ResourceRecordSetCount { get; set; }
    }

    internal sealed class VPC
    {
        public string VPCRegion { get; set; } = "";
        public string VPCId { get; set; } = "";
    }

    internal sealed class GetHostedZoneResponse
    {
        public HostedZone HostedZone { get; set; } = new HostedZone();
        public List<VPC> VPCs { get; set; } = new List<VPC>();
    }

    internal sealed class ListHostedZonesByNameRequest
    {
        public string? DNSName { get; set; }
        public string? HostedZoneId { get; set; }
        public int? MaxItems { get; set; }
    }

    internal sealed class ListHostedZonesByNameResponse
    {
        public List<HostedZone> HostedZones { get; set; } = new List<HostedZone>();
        public bool IsTruncated { get; set; }
        public string? NextDNSName { get; set; }
        public string? NextHostedZoneId { get; set; }
    }

    internal sealed class ListHostedZonesResponse
    {
        public List<HostedZone> HostedZones { get; set; } = new List<HostedZone>();
        public bool IsTruncated { get; set; }
        public string? NextMarker { get; set; }
    }

    internal sealed class AliasTarget
    {
        public string HostedZoneId { get; set; } = "";
        public string DNSName { get; set; } = "";
        public bool EvaluateTargetHealth { get; set; }
    }

    internal sealed class ResourceRecordSet
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string? SetIdentifier { get; set; }
        /// <summary>PRIMARY or SECONDARY for a failover record; null for a simple one.</summary>
        public string? Failover { get; set; }
        public long? TTL { get; set; }
        public List<string> ResourceRecords { get; set; } = new List<string>();
        public AliasTarget? AliasTarget { get; set; }
        public string? HealthCheckId { get; set; }
    }

    internal sealed class ListResourceRecordSetsRequest
    {
        public string HostedZoneId { get; set; } = "";
        public string? StartRecordName { get; set; }
        public string? StartRecordType { get; set; }
        public string? StartRecordIdentifier { get; set; }
        public int? MaxItems { get; set; }
    }

    internal sealed class ListResourceRecordSetsResponse
    {
        public List<ResourceRecordSet> ResourceRecordSets { get; set; } = new List<ResourceRecordSet>();
        public bool IsTruncated { get; set; }
        public string? NextRecordName { get; set; }
        public string? NextRecordType { get; set; }
        public string? NextRecordIdentifier { get; set; }
    }

    internal sealed class Change
    {
        public Change(string action, ResourceRecordSet recordSet) { Action = action; ResourceRecordSet = recordSet; }
        /// <summary>CREATE, UPSERT or DELETE.</summary>
        public string Action { get; }
        public ResourceRecordSet ResourceRecordSet { get; }
    }

    internal sealed class ChangeResourceRecordSetsRequest
    {
        public string HostedZoneId { get; set; } = "";
        public string? Comment { get; set; }
        public List<Change> Changes { get; set; } = new List<Change>();
    }

    internal sealed class ChangeInfo
    {
        /// <summary>The bare change id ("C…").</summary>
        public string Id { get; set; } = "";
        /// <summary>PENDING or INSYNC.</summary>
        public string Status { get; set; } = "";
        public DateTime SubmittedAt { get; set; }
    }

    internal sealed class HealthCheckConfig
    {
        /// <summary>HTTP, HTTPS or TCP.</summary>
        public string Type { get; set; } = "HTTP";
        public string? IPAddress { get; set; }
        public int? Port { get; set; }
        public string? ResourcePath { get; set; }
        public string? FullyQualifiedDomainName { get; set; }
        public int RequestInterval { get; set; } = 30;
        public int FailureThreshold { get; set; } = 3;
    }

    internal sealed class HealthCheck
    {
        public string Id { get; set; } = "";
        public string CallerReference { get; set; } = "";
        public HealthCheckConfig HealthCheckConfig { get; set; } = new HealthCheckConfig();
    }

    internal sealed class HealthCheckObservation
    {
        public string Region { get; set; } = "";
        /// <summary>"Success: …" or "Failure: …", as Route 53's checkers word it.</summary>
        public string Status { get; set; } = "";
    }
}
