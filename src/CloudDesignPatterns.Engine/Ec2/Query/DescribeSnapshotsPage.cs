using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>The outline of a DescribeSnapshots answer, shared by its parsers: each snapshot item, then the next token.</summary>
    internal static class DescribeSnapshotsPage
    {
        private static readonly byte[] SnapshotSet = Encoding.ASCII.GetBytes("snapshotSet"), NextToken = Encoding.ASCII.GetBytes("nextToken");
        public static readonly byte[] Item = Encoding.ASCII.GetBytes("item");

        /// <summary>Calls <paramref name="readItem"/> on each snapshot item (it consumes the item); returns the next token, null on the last page.</summary>
        [MethodImpl(HotPath.Optimized)]
        public static string? Walk(Ec2XmlScanner xml, Action<Ec2XmlScanner> readItem)
        {
            string? next = null;
            if (!xml.ReadRoot()) throw new FormatException("Malformed EC2 response: no root element.");
            while (xml.NextChild())
            {
                if (xml.NameIs(NextToken)) next = xml.ReadText();
                else if (xml.NameIs(SnapshotSet))
                    while (xml.NextChild())
                        if (xml.NameIs(Item)) readItem(xml);
                        else xml.Skip();
                else xml.Skip();
            }
            return string.IsNullOrEmpty(next) ? null : next;
        }
    }
}
