using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using static CloudDesignPatterns.Sandbox.Route53.Route53Xml;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>Reads the XML request bodies of ChangeResourceRecordSets and CreateHealthCheck.</summary>
    internal static class Route53RequestReader
    {
        public static XElement Root(string body)
        {
            try { return XDocument.Parse(body).Root ?? throw new XmlException("No root element."); }
            catch (XmlException ex) { throw new SandboxServiceException("InvalidInput", "Invalid XML: " + ex.Message); }
        }

        public static (List<(string Action, RecordSetRecord Record)> Changes, string? Comment) ChangeBatch(string body)
        {
            var batch = Child(Root(body), "ChangeBatch") ?? throw new SandboxServiceException("InvalidInput", "Invalid XML ; ChangeBatch is required.");
            var changes = Children(Child(batch, "Changes"), "Change")
                .Select(c => ((Text(c, "Action") ?? "").ToUpperInvariant(), RecordSet(Child(c, "ResourceRecordSet")))).ToList();
            if (changes.Count == 0) throw new SandboxServiceException("InvalidInput", "Invalid XML ; a change batch needs at least one Change.");
            return (changes, Text(batch, "Comment"));
        }

        private static RecordSetRecord RecordSet(XElement? e)
        {
            if (e == null) throw new SandboxServiceException("InvalidInput", "Invalid XML ; ResourceRecordSet is required.");
            var alias = Child(e, "AliasTarget");
            var ttl = Text(e, "TTL");
            return new RecordSetRecord
            {
                Name = Route53Names.Normalize(Text(e, "Name") ?? ""),
                Type = (Text(e, "Type") ?? "").ToUpperInvariant(),
                SetIdentifier = Text(e, "SetIdentifier"),
                Failover = Text(e, "Failover"),
                Ttl = ttl == null ? (long?)null : long.TryParse(ttl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t
                    : throw new SandboxServiceException("InvalidInput", $"Invalid XML ; TTL '{ttl}' is not a number."),
                Values = Children(Child(e, "ResourceRecords"), "ResourceRecord").Select(r => Text(r, "Value") ?? "").ToList(),
                AliasTarget = alias == null ? null : new AliasTargetRecord
                {
                    HostedZoneId = Text(alias, "HostedZoneId") ?? "",
                    DnsName = Route53Names.Normalize(Text(alias, "DNSName") ?? ""),
                    EvaluateTargetHealth = string.Equals(Text(alias, "EvaluateTargetHealth"), "true", StringComparison.OrdinalIgnoreCase),
                },
                HealthCheckId = Text(e, "HealthCheckId"),
            };
        }

        public static HealthCheckRecord HealthCheck(string body)
        {
            var root = Root(body);
            var config = Child(root, "HealthCheckConfig") ?? throw new SandboxServiceException("InvalidInput", "Invalid XML ; HealthCheckConfig is required.");
            return new HealthCheckRecord
            {
                CallerReference = Text(root, "CallerReference") ?? throw new SandboxServiceException("InvalidInput", "Invalid XML ; CallerReference is required."),
                Type = Text(config, "Type") ?? "",
                IpAddress = Text(config, "IPAddress"),
                Port = Int(Text(config, "Port")),
                ResourcePath = Text(config, "ResourcePath"),
                FullyQualifiedDomainName = Text(config, "FullyQualifiedDomainName"),
                RequestInterval = Int(Text(config, "RequestInterval")) ?? 30,
                FailureThreshold = Int(Text(config, "FailureThreshold")) ?? 3,
            };
        }

        private static int? Int(string? text) =>
            text == null ? (int?)null : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new SandboxServiceException("InvalidInput", $"Invalid XML ; '{text}' is not a number.");
    }
}
