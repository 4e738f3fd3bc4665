using System;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class SettingCatalogTests
    {
        [Fact]
        public void Snapshot_DeclaresItsSettingsInOrder()
        {
            var snapshot = SettingCatalog.Default.GetPattern("snapshot");

            Assert.Equal(new[] { "policy", "keep-generations", "older-than", "destination-region", "exclude-boot-volume", "image" },
                snapshot.Settings.Select(s => s.Setting));
            Assert.Equal(new[] { "Policy", "KeepGenerations", "OlderThan", "DestinationRegion", "ExcludeBootVolume", "Image" },
                snapshot.Settings.Select(s => s.ParameterName));
        }

        [Fact]
        public void Routing_DeclaresVirtualIpAndRouteTables()
        {
            var routing = SettingCatalog.Default.GetPattern("routing");

            Assert.Equal(typeof(string), routing.FindSetting("virtual-ip")!.Type.ClrType);
            Assert.Equal(typeof(string[]), routing.FindByParameter("routetableid")!.Type.ClrType);
        }

        [Fact]
        public void PatternNames_AreCaseInsensitive()
        {
            Assert.Same(SettingCatalog.Default.GetPattern("snapshot"), SettingCatalog.Default.GetPattern("SnapShot"));
        }

        [Fact]
        public void UnknownPattern_ListsKnownPatterns()
        {
            var error = Assert.Throws<ArgumentException>(() => SettingCatalog.Default.GetPattern("backup"));

            Assert.Contains("'backup' is not a known pattern", error.Message);
            Assert.Contains("routing, snapshot", error.Message);
        }

        [Fact]
        public void OnlyPolicyHasADefault()
        {
            var withDefaults = SettingCatalog.Default.Patterns.SelectMany(p => p.Settings).Where(s => s.DefaultValue != null).ToArray();

            var policy = Assert.Single(withDefaults);
            Assert.Equal("cdp:snapshot:policy", policy.Key.ToString());
            Assert.Equal("default", policy.DefaultValue);
        }

        [Fact]
        public void Builder_RejectsNonKebabNamesDuplicatesAndInvalidDefaults()
        {
            Assert.Throws<ArgumentException>(() => PatternDefinition.Define("x").Add("KeepGenerations", SettingTypes.PositiveInteger, "d"));
            Assert.Throws<ArgumentException>(() => PatternDefinition.Define("x")
                .Add("a", SettingTypes.Boolean, "d").Add("a", SettingTypes.Boolean, "d"));
            Assert.Throws<ArgumentException>(() => PatternDefinition.Define("x").Add("count", SettingTypes.PositiveInteger, "d", defaultValue: 0));
        }

        [Fact]
        public void ANewPattern_IsOneDefinition()
        {
            var floating = PatternDefinition.Define("Floating-IP").Add("allocation-id", SettingTypes.Name, "d").Build();
            var catalog = new SettingCatalog(floating);

            Assert.Equal("floating-ip", catalog.GetPattern("FLOATING-ip").Name);
            Assert.Equal("AllocationId", catalog.FindSetting(SettingKey.Parse("cdp:floating-ip:allocation-id"))!.ParameterName);
        }
    }
}
