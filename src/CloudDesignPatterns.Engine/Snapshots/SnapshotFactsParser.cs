using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// DescribeSnapshots pages into lean <see cref="SnapshotFacts"/>, the only way this pattern reads snapshots: the
    /// fields and tags a set is rebuilt from (and every tag when asked, for a copy), read with the transport's
    /// forward-only scanner, every repeated string shared through a <see cref="Utf8StringPool"/> for the whole read,
    /// numbers and dates read from the bytes. Only a snapshot's id (and a value never seen before) allocates a string.
    /// Two workers can parse two pages at once (<see cref="ReadAheadPager"/>), each into its own buffer with its own
    /// pool; a page's snapshots reach the sink when it is committed.
    /// </summary>
    internal sealed class SnapshotFactsParser
    {
        private static readonly byte[] SnapshotSet = Name("snapshotSet"), NextToken = Name("nextToken"), Item = Name("item"),
            SnapshotId = Name("snapshotId"), VolumeId = Name("volumeId"), Status = Name("status"), StartTime = Name("startTime"),
            Progress = Name("progress"), VolumeSize = Name("volumeSize"), TagSet = Name("tagSet"), Key = Name("key"), Value = Name("value");

        private readonly SnapshotFactsSink onSnapshot;
        private readonly bool names;
        private readonly bool allTags;
        private readonly Worker[] workers;

        private sealed class Worker
        {
            public readonly Utf8StringPool Pool = new Utf8StringPool();
            // Reused page after page: a page's 1,000 snapshots would otherwise be a large-object allocation each.
            public SnapshotFacts[] Parsed = new SnapshotFacts[1000];
            public int Count;
            public readonly Action<Ec2XmlScanner> ReadItem;
            private readonly SnapshotFactsParser parser;

            public Worker(SnapshotFactsParser parser)
            {
                this.parser = parser;
                ReadItem = Read;
            }

            private void Read(Ec2XmlScanner xml)
            {
                if (Count == Parsed.Length) Array.Resize(ref Parsed, Parsed.Length * 2);
                Parsed[Count++] = parser.ReadSnapshot(xml, Pool);
            }
        }

        /// <param name="onSnapshot">Gets each snapshot as it is read.</param>
        /// <param name="names">
        /// False drops the Name tag: a rotation never shows it, and it is the one value besides the ids that differs on
        /// every set (100,000 strings kept for nothing).
        /// </param>
        /// <param name="allTags">True also keeps every tag of each snapshot (<see cref="SnapshotFacts.AllTags"/>): a copy carries them all.</param>
        public SnapshotFactsParser(SnapshotFactsSink onSnapshot, bool names = true, bool allTags = false)
        {
            this.onSnapshot = onSnapshot;
            this.names = names || allTags;
            this.allTags = allTags;
            workers = new[] { new Worker(this), new Worker(this) };
        }

        /// <summary>Reads one page on worker 0 or 1, keeping its snapshots until <see cref="Commit"/>; returns its next token (null on the last page).</summary>
        [MethodImpl(HotLoop.Optimized)]
        public string? Parse(int worker, Ec2XmlScanner xml)
        {
            var w = workers[worker];
            w.Count = 0;
            string? next = null;
            if (!xml.ReadRoot()) throw new FormatException("Malformed EC2 response: no root element.");
            while (xml.NextChild())
            {
                if (xml.NameIs(NextToken)) next = xml.ReadText();
                else if (xml.NameIs(SnapshotSet))
                    while (xml.NextChild())
                        if (xml.NameIs(Item)) w.ReadItem(xml);
                        else xml.Skip();
                else xml.Skip();
            }
            return string.IsNullOrEmpty(next) ? null : next;
        }

        /// <summary>Hands the snapshots of the page a worker parsed last to the sink.</summary>
        public void Commit(int worker)
        {
            var w = workers[worker];
            for (var i = 0; i < w.Count; i++) onSnapshot(in w.Parsed[i]);
            w.Count = 0;
        }

        [MethodImpl(HotLoop.Optimized)]
        private SnapshotFacts ReadSnapshot(Ec2XmlScanner xml, Utf8StringPool pool)
        {
            var s = new SnapshotFacts { SnapshotId = "", State = "" };
            while (xml.NextChild())
            {
                if (xml.NameIs(SnapshotId)) s.SnapshotId = xml.ReadText();
                else if (xml.NameIs(VolumeId)) s.VolumeId = xml.ReadShared(pool);
                else if (xml.NameIs(Status)) s.State = xml.ReadShared(pool);
                else if (xml.NameIs(StartTime)) s.StartTime = ReadTime(xml);
                else if (xml.NameIs(Progress)) s.Progress = ReadPercent(xml);
                else if (xml.NameIs(VolumeSize)) s.SizeGiB = ReadInt(xml);
                else if (xml.NameIs(TagSet)) ReadTags(xml, ref s, pool);
                else xml.Skip();
            }
            return s;
        }

        [MethodImpl(HotLoop.Optimized)]
        private void ReadTags(Ec2XmlScanner xml, ref SnapshotFacts s, Utf8StringPool pool)
        {
            while (xml.NextChild())
            {
                if (!xml.NameIs(Item)) { xml.Skip(); continue; }
                string key = "", value = "";
                var dropped = false;
                while (xml.NextChild())
                {
                    if (xml.NameIs(Key)) key = xml.ReadShared(pool);
                    else if (!xml.NameIs(Value)) xml.Skip();
                    else if (!names && key == "Name") { dropped = true; xml.Skip(); }
                    // A set id is its set's alone: shared through the pool, every one would stay in it to the end of the read.
                    else value = key == ManagedTags.SetIdKey ? xml.ReadText() : xml.ReadShared(pool);
                }
                if (dropped) continue;
                s.Tags.Take(key, value);
                if (allTags) (s.AllTags ??= new List<Tag>()).Add(new Tag(key, value));
            }
        }

        /// <summary>"100%" → 100, read from the bytes; anything unreadable → 0, as <see cref="SnapshotFacts.ParseProgress"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int ReadPercent(Ec2XmlScanner xml)
        {
            if (!xml.TryReadPlain(out var start, out var length)) return SnapshotFacts.ParseProgress(xml.ReadText());
            if (length > 1 && xml.Data[start + length - 1] == '%') length--;
            return AsciiDigits.TryParse(xml.Data, start, length, out var value) ? value : SnapshotFacts.ParseProgress(Encoding.UTF8.GetString(xml.Data, start, length));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int ReadInt(Ec2XmlScanner xml)
        {
            if (!xml.TryReadPlain(out var start, out var length)) return ParseInt(xml.ReadText());
            return AsciiDigits.TryParse(xml.Data, start, length, out var value) ? value : ParseInt(Encoding.UTF8.GetString(xml.Data, start, length));
        }

        /// <summary>EC2's "2026-11-27T01:02:03.456Z" read from the bytes; any other ISO 8601 form through DateTime.Parse.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static DateTime ReadTime(Ec2XmlScanner xml)
        {
            if (!xml.TryReadPlain(out var start, out var length)) return Iso8601.ParseUtc(xml.ReadText());
            return Iso8601.TryParseUtc(xml.Data, start, length, out var time) ? time : Iso8601.ParseUtc(Encoding.UTF8.GetString(xml.Data, start, length));
        }

        private static int ParseInt(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

        private static byte[] Name(string name) => Encoding.ASCII.GetBytes(name);
    }
}
