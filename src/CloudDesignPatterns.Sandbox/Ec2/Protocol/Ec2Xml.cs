using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

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

        /// <summary>"2026-11-27T01:02:03.456Z", as EC2 writes times; by hand, since every snapshot of a page has two.</summary>
        [System.Runtime.CompilerServices.MethodImpl(Utf8XmlBuffer.HotPath)]
        public static string Time(DateTime t)
        {
            var u = t.ToUniversalTime();
            var c = new char[24];
            Digits(c, 0, u.Year, 4); c[4] = '-'; Digits(c, 5, u.Month, 2); c[7] = '-'; Digits(c, 8, u.Day, 2); c[10] = 'T';
            Digits(c, 11, u.Hour, 2); c[13] = ':'; Digits(c, 14, u.Minute, 2); c[16] = ':'; Digits(c, 17, u.Second, 2); c[19] = '.';
            Digits(c, 20, u.Millisecond, 3); c[23] = 'Z';
            return new string(c);
        }

        private static void Digits(char[] into, int at, int value, int width)
        {
            for (var i = at + width - 1; i >= at; i--, value /= 10) into[i] = (char)('0' + value % 10);
        }

        public static string Bool(bool b) => b ? "true" : "false";

        public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The whole body: &lt;?xml?&gt; + &lt;ActionResponse xmlns=…&gt;&lt;requestId/&gt;…</summary>
        public static ResponseBody Document(string action, string requestId, IEnumerable<object?> body)
        {
            using var output = new Utf8XmlBuffer(64 * 1024);
            output.Raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            var root = action + "Response";
            output.Raw("<" + root + " xmlns=\"" + Namespace + "\">");
            E("requestId", requestId).WriteTo(output);
            foreach (var member in body)
                if (member is Ec2Element element) element.WriteTo(output);
                else if (member is IXmlFragment fragment) fragment.WriteTo(output);
                else if (member != null) throw new ArgumentException($"{action}: a response member must be an element, not {member.GetType().Name}.");
            output.EndElement(root);
            return output.Detach();
        }
    }
}
