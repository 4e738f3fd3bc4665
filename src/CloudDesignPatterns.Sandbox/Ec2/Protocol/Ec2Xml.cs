using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>Small helpers for EC2's XML: the 2016-11-15 namespace, &lt;item&gt; lists, timestamps, booleans.</summary>
    internal static class Ec2Xml
    {
        public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

        /// <summary>An element in the EC2 namespace; null content is skipped, so optional members just pass null.</summary>
        public static Ec2Element E(string name, params object?[] content) => new Ec2Element(name, content);

        public static Ec2Element? Opt(string name, string? value) => value == null ? null : E(name, value);

        public static Ec2Element? Opt(string name, int? value) => value == null ? null : E(name, value.Value.ToString(CultureInfo.InvariantCulture));

        public static Ec2Element Item(params object?[] content) => E("item", content);

        /// <summary>&lt;name&gt;&lt;item&gt;…&lt;/item&gt;…&lt;/name&gt;; each entry is the content of one item.</summary>
        public static Ec2Element Set<T>(string name, IEnumerable<T> entries, Func<T, object?[]> fields) =>
            E(name, entries.Select(e => Item(fields(e))).ToArray());

        public static Ec2Element Values(string name, IEnumerable<string> values, string member) =>
            E(name, values.Select(v => Item(E(member, v))).ToArray());

        public static Ec2Element TagSet(IEnumerable<KeyValuePair<string, string>> tags) =>
            Set("tagSet", tags, t => new object?[] { E("key", t.Key), E("value", t.Value) });

        public static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public static string Bool(bool b) => b ? "true" : "false";

        public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The whole body: &lt;?xml?&gt; + &lt;ActionResponse xmlns=…&gt;&lt;requestId/&gt;…</summary>
        public static byte[] Document(string action, string requestId, IEnumerable<object?> body)
        {
            using var output = new Utf8XmlBuffer(64 * 1024);
            output.Raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            var root = action + "Response";
            output.Raw("<" + root + " xmlns=\"" + Namespace + "\">");
            E("requestId", requestId).WriteTo(output);
            foreach (var member in body)
                if (member is Ec2Element element) element.WriteTo(output);
                else if (member != null) throw new ArgumentException($"{action}: a response member must be an element, not {member.GetType().Name}.");
            output.EndElement(root);
            return output.ToArray();
        }
    }
}
