using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CloudDesignPatterns.Engine.GameDay.Report
{
    /// <summary>
    /// The HTML report is built as an XElement tree, so every text and attribute a user's drill file supplies is
    /// encoded by LINQ to XML rather than by hand, and the output is well-formed (the tests parse it back).
    /// Two HTML rules the XML serializer does not know are kept here: an empty non-void element must be written
    /// &lt;td&gt;&lt;/td&gt;, because a browser reads &lt;td/&gt; or &lt;div/&gt; as an opening tag only; and only the
    /// void elements may be self-closing. SVG elements (foreign content) may self-close, so they use <see cref="Svg"/>.
    /// </summary>
    internal static class HtmlElements
    {
        private static readonly HashSet<string> VoidElements = new HashSet<string>(StringComparer.Ordinal) { "meta", "br", "hr", "col" };

        /// <summary>An HTML element; null content is skipped, as XElement does.</summary>
        public static XElement H(string name, params object?[] content)
        {
            var element = new XElement(name, content.Where(c => c != null).ToArray());
            if (element.IsEmpty && !VoidElements.Contains(name)) element.Value = string.Empty;
            return element;
        }

        /// <summary>An SVG element: self-closing when empty is fine inside &lt;svg&gt;.</summary>
        public static XElement Svg(string name, params object?[] content) => new XElement(name, content.Where(c => c != null).ToArray());

        public static XAttribute A(string name, object value) => new XAttribute(name, value);

        /// <summary>The class attribute, or nothing when there are no classes.</summary>
        public static XAttribute? Class(params string?[] names)
        {
            var joined = string.Join(" ", names.Where(n => !string.IsNullOrEmpty(n)));
            return joined.Length == 0 ? null : new XAttribute("class", joined);
        }
    }
}
