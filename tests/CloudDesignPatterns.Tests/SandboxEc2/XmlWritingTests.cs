using System;
using System.Globalization;
using System.Text;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>The sandbox's hand-written XML: timestamps as EC2 writes them, and the snapshot shape written straight to bytes.</summary>
    public sealed class XmlWritingTests
    {
        [Theory]
        [InlineData("2026-11-27T01:02:03.0450000Z")]
        [InlineData("0001-01-01T00:00:00.0000000Z")]
        [InlineData("9999-12-31T23:59:59.9999999Z")]
        public void Times_read_as_the_format_string_wrote_them(string roundTrip)
        {
            var t = DateTime.Parse(roundTrip, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            Assert.Equal(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Ec2Xml.Time(t));
        }

        [Fact]
        public void A_local_time_is_written_in_UTC()
        {
            var utc = new DateTime(2026, 11, 27, 1, 2, 3, 456, DateTimeKind.Utc);
            Assert.Equal("2026-11-27T01:02:03.456Z", Ec2Xml.Time(utc.ToLocalTime()));
        }

        [Fact]
        public void A_snapshot_is_written_with_its_members_in_order_and_its_tags_escaped()
        {
            var now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
            var s = new SnapshotRecord("snap-1") { VolumeId = "vol-1", VolumeSize = 8, OwnerId = "123456789012", StartTime = now.AddHours(-1), CompletesAt = now.AddHours(-1) };
            s.Tags["Owner"] = "ops & <dba>";

            using var body = Ec2Xml.Document("DescribeSnapshots", "r-1", new object?[] { Ec2Xml.Set("snapshotSet", new[] { s }, x => StorageXml.Snapshot(x, now)) });
            var xml = Encoding.UTF8.GetString(body.ToArray());

            Assert.Contains("<snapshotSet><item><snapshotId>snap-1</snapshotId><volumeId>vol-1</volumeId><status>completed</status>" +
                            "<startTime>2026-11-27T11:00:00.000Z</startTime><progress>100%</progress><ownerId>123456789012</ownerId>" +
                            "<volumeSize>8</volumeSize><description></description><encrypted>false</encrypted><storageTier>standard</storageTier>" +
                            "<completionTime>2026-11-27T11:00:00.000Z</completionTime>" +
                            "<tagSet><item><key>Owner</key><value>ops &amp; &lt;dba&gt;</value></item></tagSet></item></snapshotSet>", xml);
        }
    }
}
