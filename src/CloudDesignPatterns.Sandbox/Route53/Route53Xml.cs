using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>Route 53's REST-XML response bodies, member order as the API model has it (botocore and the SDKs read them).</summary>
    internal static class Route53Xml
    {
        public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

        public static string Document(string root, params object?[] content)
            => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XElement(Ns + root, content).ToString(SaveOptions.DisableFormatting);

        public static XElement E(string name, params object?[] content) => new XElement(Ns + name, content);

        public static XElement? Optional(string name, object? value) => value == null ? null : E(name, value);

        public static string Bool(bool value) => value ? "true" : "false";

        public static string Time(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        public static XElement Zone(HostedZoneRecord zone) => E("HostedZone",
            E("Id", "/hostedzone/" + zone.Id), E("Name", zone.Name), E("CallerReference", zone.CallerReference),
            E("Config", Optional("Comment", zone.Comment), E("PrivateZone", Bool(zone.PrivateZone))),
            E("ResourceRecordSetCount", zone.Records.Count));

        public static XElement RecordSet(RecordSetRecord r) => E("ResourceRecordSet",
            E("Name", r.Name), E("Type", r.Type), Optional("SetIdentifier", r.SetIdentifier), Optional("Failover", r.Failover),
            Optional("TTL", r.Ttl),
            r.Values.Count == 0 ? null : E("ResourceRecords", r.Values.Select(v => E("ResourceRecord", E("Value", v)))),
            r.AliasTarget == null ? null : E("AliasTarget", E("HostedZoneId", r.AliasTarget.HostedZoneId), E("DNSName", r.AliasTarget.DnsName),
                                              E("EvaluateTargetHealth", Bool(r.AliasTarget.EvaluateTargetHealth))),
            Optional("HealthCheckId", r.HealthCheckId));

        public static XElement ChangeInfo(ChangeRecord change, string status) => E("ChangeInfo",
            E("Id", "/change/" + change.Id), E("Status", status), E("SubmittedAt", Time(change.SubmittedAt)), Optional("Comment", change.Comment));

        public static XElement HealthCheck(HealthCheckRecord h) => E("HealthCheck",
            E("Id", h.Id), E("CallerReference", h.CallerReference),
            E("HealthCheckConfig", Optional("IPAddress", h.IpAddress), Optional("Port", h.Port), E("Type", h.Type),
              Optional("ResourcePath", h.ResourcePath), Optional("FullyQualifiedDomainName", h.FullyQualifiedDomainName),
              E("RequestInterval", h.RequestInterval), E("FailureThreshold", h.FailureThreshold)),
            E("HealthCheckVersion", 1));

        /// <summary>Three checker regions, each reporting the status the sandbox was told to.</summary>
        public static XElement Observations(HealthCheckRecord h) => E("HealthCheckObservations",
            new[] { "us-east-1", "eu-west-1", "ap-southeast-1" }.Select(region => E("HealthCheckObservation",
                E("Region", region), E("IPAddress", "15.177.0." + (region.Length * 3).ToString(CultureInfo.InvariantCulture)),
                E("StatusReport",
                    E("Status", h.Healthy ? "Success: HTTP Status Code 200, OK" : "Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall."),
                    E("CheckedTime", Time(h.StatusChangedAt))))));

        public static string Error(string code, string message, int status, string requestId)
        {
            if (code == Route53State.InvalidChangeBatch)
                return Document("InvalidChangeBatch",
                    E("Messages", message.Split('\n').Select(m => E("Message", m))), E("RequestId", requestId));
            return Document("ErrorResponse",
                E("Error", E("Type", status >= 500 ? "Receiver" : "Sender"), E("Code", code), E("Message", message)),
                E("RequestId", requestId));
        }

        public static IEnumerable<XElement> Children(XElement? parent, string name)
            => parent?.Elements().Where(e => e.Name.LocalName == name) ?? Enumerable.Empty<XElement>();

        public static XElement? Child(XElement? parent, string name) => Children(parent, name).FirstOrDefault();

        public static string? Text(XElement? parent, string name) => Child(parent, name)?.Value.Trim();
    }
}
