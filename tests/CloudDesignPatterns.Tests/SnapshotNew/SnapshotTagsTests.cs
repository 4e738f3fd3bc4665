using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>The tags every resource of a set carries at creation, and the formats read back from them.</summary>
    public class SnapshotTagsTests
    {
        private static readonly Regex ImdsTagCharacters = new Regex("^[0-9a-zA-Z\\-_+=,.@:]+$");

        private static List<KeyValuePair<string, string>> Devices(params (string Volume, string Device)[] pairs)
            => pairs.Select(p => new KeyValuePair<string, string>(p.Volume, p.Device)).ToList();

        [Fact]
        public void NewSetId_IsSsAnd16Hex_AndUnique()
        {
            var ids = Enumerable.Range(0, 2000).Select(_ => SnapshotTags.NewSetId()).ToList();

            Assert.All(ids, id => Assert.Matches("^ss-[0-9a-f]{16}$", id));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        [Fact]
        public void SetName_IsPolicyInstanceAndUtcTime()
        {
            var name = SnapshotTags.SetName("nightly", "i-0a1b2c3d4e5f60101", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));

            Assert.Equal("nightly-i-0a1b2c3d4e5f60101-20260102-030405", name);
        }

        [Fact]
        public void SetName_IgnoresTheCurrentCulture()
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("th-TH"); // Buddhist calendar: 2026 would print as 2569
                var name = SnapshotTags.SetName("p", "i-0a1b2c3d", new DateTime(2026, 11, 26, 22, 0, 0, DateTimeKind.Utc));
                Assert.Equal("p-i-0a1b2c3d-20261126-220000", name);
            }
            finally { CultureInfo.CurrentCulture = saved; }
        }

        [Fact]
        public void ForNewSet_CarriesTheManagedTags_AndExtraTagsCannotReplaceThem()
        {
            var extra = new Dictionary<string, string> { ["Name"] = "mine", ["CostCenter"] = "ops" };

            var tags = SnapshotTags.ForNewSet("ss-0123456789abcdef", "nightly", "i-0a1b2c3d4e5f60101", "nightly-i-0a1b2c3d4e5f60101-20260102-030405",
                "Snapshots", extra, Devices(("vol-0a1b2c3d4e5f60301", "/dev/xvda")), "ap-southeast-1").ToDictionary(t => t.Key, t => t.Value);

            Assert.Equal("nightly-i-0a1b2c3d4e5f60101-20260102-030405", tags["Name"]);
            Assert.Equal(ManagedTags.ManagedByValue, tags[ManagedTags.ManagedByKey]);
            Assert.Equal("nightly", tags[ManagedTags.PolicyKey]);
            Assert.Equal("i-0a1b2c3d4e5f60101", tags[ManagedTags.SourceInstanceKey]);
            Assert.Equal("ss-0123456789abcdef", tags[ManagedTags.SetIdKey]);
            Assert.Equal("Snapshots", tags[SnapshotTags.KindKey]);
            Assert.Equal("vol-0a1b2c3d4e5f60301=xvda", tags[SnapshotTags.DevicesKey]);
            Assert.Equal("ap-southeast-1", tags[SnapshotTags.DestinationRegionKey]);
            Assert.Equal("ops", tags["CostCenter"]);
            // Our keys and values must be readable through instance-metadata tags.
            Assert.All(tags.Where(t => t.Key.StartsWith("cdp:")), t => { Assert.Matches(ImdsTagCharacters, t.Key); Assert.Matches(ImdsTagCharacters, t.Value); });
        }

        [Fact]
        public void ForNewSet_LeavesOutTheDrRegionWhenNoneIsConfigured()
        {
            var tags = SnapshotTags.ForNewSet("ss-0123456789abcdef", "p", "i-0a1b2c3d", "n", "Image", null, Devices(), null);

            Assert.DoesNotContain(tags, t => t.Key == SnapshotTags.DestinationRegionKey);
            Assert.DoesNotContain(tags, t => t.Key == SnapshotTags.DevicesKey);
        }

        [Fact]
        public void DeviceMap_RoundTrips_WithTheDevPrefixRestored()
        {
            var devices = Devices(("vol-0a1b2c3d4e5f60301", "/dev/xvda"), ("vol-0a1b2c3d4e5f60302", "/dev/sdf"), ("vol-0a1b2c3d4e5f60303", "xvdg"));

            var text = SnapshotTags.FormatDevices(devices);
            var parsed = SnapshotTags.ParseDevices(text);

            Assert.Equal("vol-0a1b2c3d4e5f60301=xvda,vol-0a1b2c3d4e5f60302=sdf,vol-0a1b2c3d4e5f60303=xvdg", text);
            Assert.Equal("/dev/xvda", parsed["vol-0a1b2c3d4e5f60301"]);
            Assert.Equal("/dev/sdf", parsed["vol-0a1b2c3d4e5f60302"]);
            Assert.Equal("/dev/xvdg", parsed["vol-0a1b2c3d4e5f60303"]);
            Assert.Equal(3, parsed.Count);
        }

        [Fact]
        public void DeviceMap_TooLongForOneTagValue_IsNull()
        {
            // 10 volumes of 21-character ids with device names: about 300 characters, over EC2's 256.
            var devices = Devices(Enumerable.Range(0, 10).Select(i => ($"vol-0a1b2c3d4e5f6{i:0000}", $"/dev/xvd{(char)('b' + i)}")).ToArray());
            var fits = Devices(Enumerable.Range(0, 8).Select(i => ($"vol-0a1b2c3d4e5f6{i:0000}", $"/dev/xvd{(char)('b' + i)}")).ToArray());

            Assert.Null(SnapshotTags.FormatDevices(devices));
            Assert.NotNull(SnapshotTags.FormatDevices(fits));
            Assert.True(SnapshotTags.FormatDevices(fits)!.Length <= 256);
            var tags = SnapshotTags.ForNewSet("ss-0123456789abcdef", "p", "i-0a1b2c3d", "n", "Snapshots", null, devices, null);
            Assert.DoesNotContain(tags, t => t.Key == SnapshotTags.DevicesKey);
        }

        [Fact]
        public void ParseDevices_IgnoresMalformedPairsAndNull()
        {
            Assert.Empty(SnapshotTags.ParseDevices(null));
            var parsed = SnapshotTags.ParseDevices("vol-1=xvda,garbage,,a=b=c,vol-2=xvdf");
            Assert.Equal(new[] { "vol-1", "vol-2" }, parsed.Keys.OrderBy(k => k));
        }
    }
}
