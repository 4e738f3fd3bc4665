using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace CloudDesignPatterns.Engine.Route53
{
    /// <summary>Route 53's REST-XML bodies: requests written and answers read with LINQ to XML, member names as the API model has them.</summary>
    internal static class Route53Wire
    {
        public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

        /// <summary>"/hostedzone/Z1", "/change/C2" → "Z1", "C2": only the bare id goes into a path.</summary>
        public static string BareId(string id) => id.Substring(id.LastIndexOf('/') + 1);

        public static string ChangeBatch(ChangeResourceRecordSetsRequest request) => Serialize(E("ChangeResourceRecordSetsRequest",
            E("ChangeBatch", request.Comment == null ? null : E("Comment", request.Comment),
                E("Changes", request.Changes.Select(c => E("Change", E("Action", c.Action), RecordSet(c.ResourceRecordSet)))))));

        public static string HealthCheckRequest(string callerReference, HealthCheckConfig c) => Serialize(E("CreateHealthCheckRequest",
            E("CallerReference", callerReference),
            E("HealthCheckConfig", Opt("IPAddress", c.IPAddress), Opt("Port", c.Port), E("Type", c.Type), Opt("ResourcePath", c.ResourcePath),
                Opt("FullyQualifiedDomainName", c.FullyQualifiedDomainName), E("RequestInterval", c.RequestInterval), E("FailureThreshold", c.FailureThreshold))));

        private static XElement RecordSet(ResourceRecordSet r) => E("ResourceRecordSet",
            E("Name", r.Name), E("Type", r.Type), Opt("SetIdentifier", r.SetIdentifier), Opt("Failover", r.Failover), Opt("TTL", r.TTL),
            r.ResourceRecords.Count == 0 ? null : E("ResourceRecords", r.ResourceRecords.Select(v => E("ResourceRecord", E("Value", v)))),
            r.AliasTarget == null ? null : E("AliasTarget", E("HostedZoneId", r.AliasTarget.HostedZoneId), E("DNSName", r.AliasTarget.DNSName),
                E("EvaluateTargetHealth", r.AliasTarget.EvaluateTargetHealth ? "true" : "false")),
            Opt("HealthCheckId", r.HealthCheckId));

        public static XElement Parse(string body)
        {
            try { return XDocument.Parse(body).Root ?? throw new XmlException("The answer has no root element."); }
            catch (XmlException ex) { throw new FormatException("Route 53 answered with XML that could not be read: " + ex.Message, ex); }
        }

        public static HostedZone Zone(XElement e) => new HostedZone
        {
            Id = BareId(Text(e, "Id") ?? ""),
            Name = Text(e, "Name") ?? "",
            PrivateZone = Text(Child(e, "Config"), "PrivateZone") == "true",
            ResourceRecordSetCount = Long(Text(e, "ResourceRecordSetCount")) ?? 0,
        };

        public static ResourceRecordSet RecordSet(XElement e)
        {
            var alias = Child(e, "AliasTarget");
            return new ResourceRecordSet
            {
                Name = Text(e, "Name") ?? "",
                Type = Text(e, "Type") ?? "",
                SetIdentifier = Text(e, "SetIdentifier"),
                Failover = Text(e, "Failover"),
                TTL = Long(Text(e, "TTL")),
                ResourceRecords = Children(Child(e, "ResourceRecords"), "ResourceRecord").Select(r => Text(r, "Value") ?? "").ToList(),
                AliasTarget = alias == null ? null : new AliasTarget
                {
                    HostedZoneId = Text(alias, "HostedZoneId") ?? "",
                    DNSName = Text(alias, "DNSName") ?? "",
                    EvaluateTargetHealth = Text(alias, "EvaluateTargetHealth") == "true",
                },
                HealthCheckId = Text(e, "HealthCheckId"),
            };
        }

        public static ChangeInfo ChangeInfo(XElement root)
        {
            var info = Child(root, "ChangeInfo") ?? throw new FormatException("Route 53's answer has no ChangeInfo.");
            return new ChangeInfo
            {
                Id = BareId(Text(info, "Id") ?? ""),
                Status = Text(info, "Status") ?? "",
                SubmittedAt = DateTime.TryParse(Text(info, "SubmittedAt"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : default,
            };
        }

        public static HealthCheck HealthCheck(XElement e)
        {
            var c = Child(e, "HealthCheckConfig");
            return new HealthCheck
            {
                Id = Text(e, "Id") ?? "",
                CallerReference = Text(e, "CallerReference") ?? "",
                HealthCheckConfig = new HealthCheckConfig
                {
                    Type = Text(c, "Type") ?? "",
                    IPAddress = Text(c, "IPAddress"),
                    Port = (int?)Long(Text(c, "Port")),
                    ResourcePath = Text(c, "ResourcePath"),
                    FullyQualifiedDomainName = Text(c, "FullyQualifiedDomainName"),
                    RequestInterval = (int?)Long(Text(c, "RequestInterval")) ?? 30,
                    FailureThreshold = (int?)Long(Text(c, "FailureThreshold")) ?? 3,
                },
            };
        }

        /// <summary>ErrorResponse/Error/{Code,Message} or InvalidChangeBatch/Messages/Message; a body that is not XML keeps just the status.</summary>
        public static Route53ServiceException Error(string body, HttpStatusCode status, string? requestIdHeader)
        {
            string? code = null, requestId = requestIdHeader;
            var messages = new List<string>();
            try
            {
                var root = XDocument.Parse(body).Root;
                if (root?.Name.LocalName == "InvalidChangeBatch")
                {
                    code = "InvalidChangeBatch";
                    messages.AddRange(Children(Child(root, "Messages"), "Message").Select(m => m.Value.Trim()));
                    var single = Text(root, "Message");
                    if (single != null) messages.Add(single);
                }
                else
                {
                    var error = Child(root, "Error");
                    code = Text(error, "Code");
                    var message = Text(error, "Message");
                    if (message != null) messages.Add(message);
                }
                requestId = Text(root, "RequestId") ?? requestId;
            }
            catch (XmlException) { /* not Route 53's error XML (a proxy's page): the status alone speaks */ }
            var text = messages.Count > 0 ? string.Join("; ", messages) : $"Route 53 answered HTTP {(int)status} {status}.";
            return new Route53ServiceException(text, code, requestId, status, messages);
        }

        public static IEnumerable<XElement> Children(XElement? parent, string name)
            => parent?.Elements().Where(e => e.Name.LocalName == name) ?? Enumerable.Empty<XElement>();

        public static XElement? Child(XElement? parent, string name) => Children(parent, name).FirstOrDefault();

        public static string? Text(XElement? parent, string name) => Child(parent, name)?.Value.Trim();

        private static long? Long(string? text)
            => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null;

        private static XElement E(string name, params object?[] content) => new XElement(Ns + name, content);
        private static XElement? Opt(string name, object? value) => value == null ? null : E(name, value);
        private static string Serialize(XElement root) => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting);
    }
}
