using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// DescribeSnapshots pages into the SDK's <see cref="Snapshot"/> objects, so every reader of snapshots stays as it
    /// was. Repeated strings (tag keys, the policy, the instance, the owner…) are shared across a whole read: 100,000
    /// snapshots carry 700,000 tags but only a few thousand distinct strings besides their ids and names.
    /// </summary>
    internal sealed class SnapshotPageParser
    {
        private static readonly byte[] SnapshotSet = Utf8("snapshotSet"), NextToken = Utf8("nextToken"), Item = Utf8("item"),
            SnapshotId = Utf8("snapshotId"), VolumeId = Utf8("volumeId"), Status = Utf8("status"), StartTime = Utf8("startTime"),
            Progress = Utf8("progress"), OwnerId = Utf8("ownerId"), OwnerAlias = Utf8("ownerAlias"), VolumeSize = Utf8("volumeSize"),
            Description = Utf8("description"), Encrypted = Utf8("encrypted"), KmsKeyId = Utf8("kmsKeyId"), StorageTier = Utf8("storageTier"),
            CompletionTime = Utf8("completionTime"), StateMessage = Utf8("statusMessage"), TagSet = Utf8("tagSet"), Key = Utf8("key"), Value = Utf8("value");

        private readonly Dictionary<string, string> shared = new Dictionary<string, string>(StringComparer.Ordinal);

        public (List<Snapshot> Snapshots, string? NextToken) Parse(Ec2XmlScanner xml)
        {
            var snapshots = new List<Snapshot>();
            string? next = null;
            if (!xml.ReadRoot()) throw new FormatException("Malformed EC2 response: no root element.");
            while (xml.NextChild())
            {
                if (xml.NameIs(NextToken)) next = xml.ReadText();
                else if (xml.NameIs(SnapshotSet))
                    while (xml.NextChild())
                        if (xml.NameIs(Item)) snapshots.Add(ReadSnapshot(xml));
                        else xml.Skip();
                else xml.Skip();
            }
            return (snapshots, string.IsNullOrEmpty(next) ? null : next);
        }

        private Snapshot ReadSnapshot(Ec2XmlScanner xml)
        {
            var s = new Snapshot();
            while (xml.NextChild())
            {
                if (xml.NameIs(SnapshotId)) s.SnapshotId = xml.ReadText();
                else if (xml.NameIs(VolumeId)) s.VolumeId = Shared(xml.ReadText());
                else if (xml.NameIs(Status)) s.State = SnapshotState.FindValue(Shared(xml.ReadText()));
                else if (xml.NameIs(StartTime)) s.StartTime = Time(xml.ReadText());
                else if (xml.NameIs(Progress)) s.Progress = Shared(xml.ReadText());
                else if (xml.NameIs(OwnerId)) s.OwnerId = Shared(xml.ReadText());
                else if (xml.NameIs(OwnerAlias)) s.OwnerAlias = Shared(xml.ReadText());
                else if (xml.NameIs(VolumeSize)) s.VolumeSize = int.Parse(xml.ReadText(), NumberStyles.None, CultureInfo.InvariantCulture);
                else if (xml.NameIs(Description)) s.Description = Shared(xml.ReadText());
                else if (xml.NameIs(Encrypted)) s.Encrypted = xml.ReadText() == "true";
                else if (xml.NameIs(KmsKeyId)) s.KmsKeyId = Shared(xml.ReadText());
                else if (xml.NameIs(StorageTier)) s.StorageTier = Amazon.EC2.StorageTier.FindValue(Shared(xml.ReadText()));
                else if (xml.NameIs(CompletionTime)) s.CompletionTime = Time(xml.ReadText());
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
                    if (xml.NameIs(Key)) key = Shared(xml.ReadText());
                    else if (xml.NameIs(Value)) value = Shared(xml.ReadText());
                    else xml.Skip();
                tags.Add(new Tag(key, value));
            }
            return tags;
        }

        private string Shared(string value)
        {
            if (shared.TryGetValue(value, out var existing)) return existing;
            shared[value] = value;
            return value;
        }

        private static DateTime Time(string text)
            => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        private static byte[] Utf8(string name) => Encoding.UTF8.GetBytes(name);
    }
}
