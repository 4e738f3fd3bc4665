using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using static CloudDesignPatterns.Engine.Ec2.Query.DescribeSnapshotsPage;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// DescribeSnapshots pages into the SDK's <see cref="Snapshot"/> objects with every field and tag, for the readers
    /// that need them whole (a copy carries all of a snapshot's tags). Reading sets needs far less, and uses
    /// <see cref="SnapshotFactsParser"/>. Repeated strings are shared across a whole read.
    /// </summary>
    internal sealed class SnapshotPageParser
    {
        private static readonly byte[] OwnerId = Name("ownerId"), OwnerAlias = Name("ownerAlias"), Description = Name("description"),
            Encrypted = Name("encrypted"), KmsKeyId = Name("kmsKeyId"), StorageTier = Name("storageTier"),
            CompletionTime = Name("completionTime"), StateMessage = Name("statusMessage");

        private readonly Utf8StringPool pool = new Utf8StringPool();

        private readonly Action<Ec2XmlScanner> readItem;
        private List<Snapshot> into = new List<Snapshot>();

        public SnapshotPageParser() => readItem = xml => into.Add(ReadSnapshot(xml));

        /// <summary>Adds the page's snapshots to <paramref name="target"/>; returns its next token (null on the last page).</summary>
        public string? Parse(Ec2XmlScanner xml, List<Snapshot> target)
        {
            into = target;
            return DescribeSnapshotsPage.Walk(xml, readItem);
        }

        private Snapshot ReadSnapshot(Ec2XmlScanner xml)
        {
            var s = new Snapshot();
            while (xml.NextChild())
            {
                if (xml.NameIs(SnapshotId)) s.SnapshotId = xml.ReadText();
                else if (xml.NameIs(VolumeId)) s.VolumeId = xml.ReadShared(pool);
                else if (xml.NameIs(DescribeSnapshotsPage.Status)) s.State = SnapshotState.FindValue(xml.ReadShared(pool));
                else if (xml.NameIs(StartTime)) s.StartTime = Iso8601.ParseUtc(xml.ReadText());
                else if (xml.NameIs(Progress)) s.Progress = xml.ReadShared(pool);
                else if (xml.NameIs(OwnerId)) s.OwnerId = xml.ReadShared(pool);
                else if (xml.NameIs(OwnerAlias)) s.OwnerAlias = xml.ReadShared(pool);
                else if (xml.NameIs(VolumeSize)) s.VolumeSize = int.Parse(xml.ReadText(), NumberStyles.None, CultureInfo.InvariantCulture);
                else if (xml.NameIs(Description)) s.Description = xml.ReadShared(pool);
                else if (xml.NameIs(Encrypted)) s.Encrypted = xml.ReadText() == "true";
                else if (xml.NameIs(KmsKeyId)) s.KmsKeyId = xml.ReadShared(pool);
                else if (xml.NameIs(StorageTier)) s.StorageTier = Amazon.EC2.StorageTier.FindValue(xml.ReadShared(pool));
                else if (xml.NameIs(CompletionTime)) s.CompletionTime = Iso8601.ParseUtc(xml.ReadText());
                else if (xml.NameIs(StateMessage)) s.StateMessage = xml.ReadText();
                else if (xml.NameIs(TagSet)) s.Tags = ReadTags(xml);
                else xml.Skip();
            }
            return s;
        }

        private List<Tag> ReadTags(Ec2XmlScanner xml)
        {
            var tags = new List<Tag>();
            while (xml.NextChild())
            {
                if (!xml.NameIs(Item)) { xml.Skip(); continue; }
                string key = "", value = "";
                while (xml.NextChild())
                    if (xml.NameIs(Key)) key = xml.ReadShared(pool);
                    else if (xml.NameIs(Value)) value = xml.ReadShared(pool);
                    else xml.Skip();
                tags.Add(new Tag(key, value));
            }
            return tags;
        }
    }
}
