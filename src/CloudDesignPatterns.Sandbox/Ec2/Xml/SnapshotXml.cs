using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>
    /// The Snapshot shape (DescribeSnapshots items, CreateSnapshot's top level) written straight into the buffer: a
    /// describe page holds 1,000 of them, and building their elements first was most of what the page cost to serve.
    /// Members in the order EC2 writes them.
    /// </summary>
    internal sealed class SnapshotXml : IXmlFragment
    {
        private readonly SnapshotRecord s;
        private readonly DateTime now;

        public SnapshotXml(SnapshotRecord snapshot, DateTime now)
        {
            s = snapshot;
            this.now = now;
        }

        [MethodImpl(Utf8XmlBuffer.HotPath)]
        public void WriteTo(Utf8XmlBuffer output)
        {
            output.Element("snapshotId", s.Id);
            output.Element("volumeId", s.VolumeId);
            output.Element("status", s.Status(now));
            output.Element("startTime", Time(s.StartTime));
            output.Element("progress", s.Progress(now));
            output.Element("ownerId", s.OwnerId);
            if (s.OwnerAlias != null) output.Element("ownerAlias", s.OwnerAlias);
            output.Element("volumeSize", Int(s.VolumeSize));
            output.Element("description", s.Description);
            output.Element("encrypted", Bool(s.Encrypted));
            if (s.KmsKeyId != null) output.Element("kmsKeyId", s.KmsKeyId);
            output.Element("storageTier", "standard");
            if (s.IsCompleted(now)) output.Element("completionTime", Time(s.CompletesAt));
            if (s.Tags.Count > 0) WriteTags(s.Tags, output);
        }

        [MethodImpl(Utf8XmlBuffer.HotPath)]
        private static void WriteTags(Dictionary<string, string> tags, Utf8XmlBuffer output)
        {
            output.StartElement("tagSet");
            foreach (var tag in tags)
            {
                output.StartElement("item");
                output.Element("key", tag.Key);
                output.Element("value", tag.Value);
                output.EndElement("item");
            }
            output.EndElement("tagSet");
        }
    }
}
