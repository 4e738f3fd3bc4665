using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>Small helpers for EC2's XML: the 2016-11-15 namespace, &lt;item&gt; lists, timestamps, booleans.</summary>
    internal static class Ec2Xml
    {
        public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

        /// <summary>An element in the EC2 namespace; null content is skipped, so optional members just pass null.</summary>
        public static XElement E(string name, params object?[] content) => new XElement(Ns + name, content);

        public static XElement? Opt(string name, string? value) => value == null ? null : E(name, value);

        public static XElement? Opt(string name, int? value) => value == null ? null : E(name, value.Value.ToString(CultureInfo.InvariantCulture));

        public static XElement Item(params object?[] content) => E("item", content);

        /// <summary>&lt;name&gt;&lt;item&gt;…&lt;/item&gt;…&lt;/name&gt;; each entry is the content of one item.</summary>
        public static XElement Set<T>(string name, IEnumerable<T> entries, Func<T, object?[]> fields) =>
            E(name, entries.Select(e => Item(fields(e))).ToArray());

        public static XElement Values(string name, IEnumerable<string> values, string member) =>
            E(name, values.Select(v => Item(E(member, v))).ToArray());

        public static XElement TagSet(IEnumerable<KeyValuePair<string, string>> tags) =>
            Set("tagSet", tags, t => new object?[] { E("key", t.Key), E("value", t.Value) });

        public static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public static string Bool(bool b) => b ? "true" : "false";

        public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The whole body: &lt;?xml?&gt; + &lt;ActionResponse xmlns=…&gt;&lt;requestId/&gt;…</summary>
        public static string Document(string action, string requestId, IEnumerable<object?> body)
        {
            var root = E(action + "Response", E("requestId", requestId), body.ToArray());
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };
            using var stream = new MemoryStream();
            using (var writer = XmlWriter.Create(stream, settings)) root.WriteTo(writer);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
