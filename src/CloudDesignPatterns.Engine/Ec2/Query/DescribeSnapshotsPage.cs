using System;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>The outline of a DescribeSnapshots answer, shared by its parsers: each snapshot item, then the next token.</summary>
    internal static class DescribeSnapshotsPage
    {
        private static readonly byte[] SnapshotSet = Name("snapshotSet"), NextToken = Name("nextToken");

        /// <summary>The element names of a snapshot item that every parser of it reads.</summary>
        public static readonly byte[] Item = Name("item"), SnapshotId = Name("snapshotId"), VolumeId = Name("volumeId"), Status = Name("status"),
            StartTime = Name("startTime"), Progress = Name("progress"), VolumeSize = Name("volumeSize"), TagSet = Name("tagSet"),
            Key = Name("key"), Value = Name("value");

        public static byte[] Name(string name) => Encoding.ASCII.GetBytes(name);

        /// <summary>Calls <paramref name="readItem"/> on each snapshot item (it consumes the item); returns the next token, null on the last page.</summary>
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
