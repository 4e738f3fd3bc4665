using System;
using System.Collections;
using System.Globalization;
using System.Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// One element of an EC2 response: a name and its content (text, child elements, or nested lists of them; nulls are
    /// skipped). The sandbox used XElement, whose name table and namespace scoping cost ten times the XML itself when a
    /// describe renders 1,000 snapshots a page; this is only what the responses need, written straight as UTF-8.
    /// </summary>
    internal sealed class Ec2Element
    {
        public Ec2Element(string name, object?[] content)
        {
            Name = name;
            Content = content;
        }

        public string Name { get; }
        public object?[] Content { get; }

        internal void WriteTo(Utf8XmlBuffer output)
        {
            if (!HasContent(Content)) { output.EmptyElement(Name); return; }
            output.StartElement(Name);
            WriteContent(Content, output);
            output.EndElement(Name);
        }

        private static void WriteContent(IEnumerable content, Utf8XmlBuffer output)
        {
            foreach (var item in content)
            {
                switch (item)
                {
                    case null: break;
                    case string text: output.Text(text); break;
                    case Ec2Element element: element.WriteTo(output); break;
                    case IXmlFragment fragment: fragment.WriteTo(output); break;
                    case IEnumerable nested: WriteContent(nested, output); break;
                    default: output.Text(Scalar(item)); break;
                }
            }
        }

        /// <summary>An element written as &lt;name /&gt;: no content at all (an empty string is content, as in XElement).</summary>
        private static bool HasContent(IEnumerable content)
        {
            foreach (var item in content)
            {
                if (item == null) continue;
                if (item is string || item is Ec2Element || item is IXmlFragment) return true;
                if (item is IEnumerable nested) { if (HasContent(nested)) return true; continue; }
                return true;
            }
            return false;
        }

        private static string Scalar(object value) => value switch
        {
            bool b => b ? "true" : "false",
            DateTime t => XmlConvert.ToString(t, XmlDateTimeSerializationMode.RoundtripKind),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
