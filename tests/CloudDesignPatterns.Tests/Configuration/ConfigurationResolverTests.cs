using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class ConfigurationResolverTests
    {
        private static Dictionary<string, string> Map(params (string Key, string Value)[] pairs) =>
            pairs.ToDictionary(p => p.Key, p => p.Value);

        private static Dictionary<string, object?> Parameters(params (string Name, object? Value)[] pairs) =>
            pairs.ToDictionary(p => p.Name, p => p.Value);

        [Fact]
        public void Precedence_ParameterBeatsTagBeatsUserDataBeatsDefault()
        {
            var tags = Map(("cdp:snapshot:keep-generations", "5"), ("cdp:snapshot:policy", "tagged"));
            var userData = Map(("cdp:snapshot:keep-generations", "3"), ("cdp:snapshot:policy", "from-user-data"),
                ("cdp:snapshot:older-than", "7d"));
            var parameters = Parameters(("KeepGenerations", 9));

            var config = ConfigurationResolver.Resolve("snapshot", tags, userData, parameters);

            var keep = config.Find("KeepGenerations")!;
            Assert.Equal(9, keep.Value);
            Assert.Equal(ConfigurationSource.Parameter, keep.Source);
            Assert.Equal("tagged", config.Find("Policy")!.Value);
            Assert.Equal(ConfigurationSource.Tag, config.Find("Policy")!.Source);
            Assert.Equal(TimeSpan.FromDays(7), config.Find("OlderThan")!.Value);
            Assert.Equal(ConfigurationSource.UserData, config.Find("OlderThan")!.Source);
        }

        [Fact]
        public void Default_AppliesOnlyWhenNothingElseIsSet()
        {
            var config = ConfigurationResolver.Resolve("snapshot", null, null);

            var policy = Assert.Single(config.Settings);
            Assert.Equal("Policy", policy.ParameterName);
            Assert.Equal("default", policy.Value);
            Assert.Equal(ConfigurationSource.Default, policy.Source);
            Assert.Equal("snapshot", config.Pattern);
        }

        [Fact]
        public void UnsetSettingsWithoutDefault_DoNotAppear()
        {
            var config = ConfigurationResolver.Resolve("routing", Map(("cdp:routing:virtual-ip", "100.64.0.10")), null);

            var setting = Assert.Single(config.Settings);
            Assert.Equal("VirtualIp", setting.ParameterName);
            Assert.Null(config.Find("RouteTableId"));
            Assert.False(config.ToParameterValues().ContainsKey("RouteTableId"));
        }

        [Fact]
        public void Values_AreTyped()
        {
            var tags = Map(
                ("cdp:snapshot:keep-generations", "7"),
                ("cdp:snapshot:older-than", "1.02:00:00"),
                ("cdp:snapshot:destination-region", "ap-southeast-1"),
                ("cdp:snapshot:exclude-boot-volume", "yes"),
                ("cdp:snapshot:image", "0"),
                ("cdp:routing:route-table-id", "rtb-0123abcd, rtb-4567cdef"));

            var snapshot = ConfigurationResolver.Resolve("snapshot", tags, null).ToParameterValues();
            var routing = ConfigurationResolver.Resolve("routing", tags, null).ToParameterValues();

            Assert.Equal(7, snapshot["KeepGenerations"]);
            Assert.Equal(new TimeSpan(1, 2, 0, 0), snapshot["OlderThan"]);
            Assert.Equal("ap-southeast-1", snapshot["DestinationRegion"]);
            Assert.Equal(true, snapshot["ExcludeBootVolume"]);
            Assert.Equal(false, snapshot["Image"]);
            Assert.Equal(new[] { "rtb-0123abcd", "rtb-4567cdef" }, routing["RouteTableId"]);
        }

        [Fact]
        public void Setting_CarriesKeyParameterNameRawValueAndPattern()
        {
            var config = ConfigurationResolver.Resolve("Snapshot", Map(("cdp:snapshot:older-than", " 12h ")), null);

            var setting = config.Find("olderthan")!;
            Assert.Equal("snapshot", setting.Pattern);
            Assert.Equal("cdp:snapshot:older-than", setting.Key);
            Assert.Equal("OlderThan", setting.ParameterName);
            Assert.Equal("12h", setting.RawValue);
            Assert.Equal(TimeSpan.FromHours(12), setting.Value);
        }

        [Fact]
        public void ExplicitParameters_AreMatchedCaseInsensitively_AndTypedValuesAreValidated()
        {
            var parameters = Parameters(("routetableid", new[] { "rtb-0123abcd" }), ("OlderThan", TimeSpan.FromHours(3)),
                ("Region", "us-east-1"), ("Image", null));

            var routing = ConfigurationResolver.Resolve("routing", null, null, parameters);
            var snapshot = ConfigurationResolver.Resolve("snapshot", Map(("cdp:snapshot:image", "true")), null, parameters);

            Assert.Equal(new[] { "rtb-0123abcd" }, routing.Find("RouteTableId")!.Value);
            Assert.Equal(ConfigurationSource.Parameter, routing.Find("RouteTableId")!.Source);
            Assert.Equal(TimeSpan.FromHours(3), snapshot.Find("OlderThan")!.Value);
            // A null parameter value counts as not given, so the tag applies.
            Assert.Equal(ConfigurationSource.Tag, snapshot.Find("Image")!.Source);
        }

        [Fact]
        public void InvalidTag_ThrowsWithKeyValueSourceAndExpectedForm()
        {
            var error = Assert.Throws<ConfigurationException>(() =>
                ConfigurationResolver.Resolve("snapshot", Map(("cdp:snapshot:keep-generations", "seven")), null));

            Assert.Equal("Setting 'cdp:snapshot:keep-generations' from the instance tag has the value 'seven'; expected a whole number of 1 or more.",
                error.Message);
            Assert.Equal("cdp:snapshot:keep-generations", error.Key);
            Assert.Equal("seven", error.RawValue);
            Assert.Equal("a whole number of 1 or more", error.ExpectedForm);
            Assert.Equal(ConfigurationSource.Tag, error.Source);
            Assert.Equal("KeepGenerations", error.ParameterName);
        }

        [Fact]
        public void InvalidUserData_NamesUserDataAsTheSource()
        {
            var error = Assert.Throws<ConfigurationException>(() =>
                ConfigurationResolver.Resolve("routing", null, Map(("cdp:routing:route-table-id", "rtb-1,rtb-2"))));

            Assert.Equal(ConfigurationSource.UserData, error.Source);
            Assert.Contains("from the instance user data", error.Message);
            Assert.Contains("'rtb-1,rtb-2'", error.Message);
            Assert.Contains("rtb- followed by 8 or 17 hexadecimal characters", error.Message);
        }

        [Fact]
        public void InvalidParameter_NamesTheParameter()
        {
            var error = Assert.Throws<ConfigurationException>(() =>
                ConfigurationResolver.Resolve("snapshot", null, null, Parameters(("DestinationRegion", "Tokyo"))));

            Assert.Equal("Setting 'cdp:snapshot:destination-region' from the -DestinationRegion parameter has the value 'Tokyo'; "
                + "expected a region name such as us-east-1 or ap-southeast-1.", error.Message);
            Assert.Equal(ConfigurationSource.Parameter, error.Source);
        }

        [Fact]
        public void InvalidLowerPrecedenceValue_IsOnlyAWarningWhenOverridden()
        {
            var config = ConfigurationResolver.Resolve("snapshot",
                Map(("cdp:snapshot:keep-generations", "seven")), Map(("cdp:snapshot:keep-generations", "-1")),
                Parameters(("KeepGenerations", 4)));

            Assert.Equal(4, config.Find("KeepGenerations")!.Value);
            Assert.Contains(config.Warnings, w => w.Contains("'seven'") && w.Contains("instance tag") && w.Contains("overridden by the -KeepGenerations parameter"));
            Assert.Contains(config.Warnings, w => w.Contains("'-1'") && w.Contains("user data"));
        }

        [Fact]
        public void EmptyTagValue_IsIgnoredWithAWarning_AndTheNextSourceApplies()
        {
            var config = ConfigurationResolver.Resolve("snapshot",
                Map(("cdp:snapshot:keep-generations", "  ")), Map(("cdp:snapshot:keep-generations", "2")));

            Assert.Equal(2, config.Find("KeepGenerations")!.Value);
            Assert.Equal(ConfigurationSource.UserData, config.Find("KeepGenerations")!.Source);
            Assert.Contains(config.Warnings, w => w.Contains("empty value"));
        }

        [Fact]
        public void UnknownSettingUnderAKnownPattern_IsAWarningWithASuggestion()
        {
            var config = ConfigurationResolver.Resolve("snapshot", Map(("cdp:snapshot:keep-generation", "7")), null);

            var warning = Assert.Single(config.Warnings);
            Assert.Contains("'cdp:snapshot:keep-generation'", warning);
            Assert.Contains("did you mean 'keep-generations'", warning);
            Assert.Null(config.Find("KeepGenerations"));
        }

        [Fact]
        public void UnknownSettingFarFromAnyName_ListsTheKnownSettings()
        {
            var config = ConfigurationResolver.Resolve("routing", null, Map(("cdp:routing:zzzzzzzz", "1")));

            Assert.Contains("known: virtual-ip, route-table-id", Assert.Single(config.Warnings));
        }

        [Fact]
        public void NonSettingTags_AreIgnoredSilently()
        {
            var tags = Map(("Name", "web-1"), ("cdp:owner", "ops"), ("aws:autoscaling:groupName", "asg"), ("cdp:routing:virtual-ip", "100.64.0.10"));

            var config = ConfigurationResolver.Resolve("routing", tags, null);

            Assert.Empty(config.Warnings);
            Assert.Single(config.Settings);
        }

        [Fact]
        public void TwoSpellingsOfOneTagKey_CanonicalWins()
        {
            var tags = Map(("cdp:Snapshot:KeepGenerations", "2"), ("cdp:snapshot:keep-generations", "6"));

            var config = ConfigurationResolver.Resolve("snapshot", tags, null);

            Assert.Equal(6, config.Find("KeepGenerations")!.Value);
            Assert.Contains(config.Warnings, w => w.Contains("another spelling"));
        }

        [Fact]
        public void NullPattern_ResolvesEveryPatternInTheInput()
        {
            var tags = Map(("cdp:routing:virtual-ip", "100.64.0.10"));
            var userData = Map(("cdp:snapshot:image", "true"), ("cdp:backup:window", "02:00"));

            var config = ConfigurationResolver.Resolve(null, tags, userData, instanceId: "i-0123abcd", region: "eu-west-1");

            Assert.Null(config.Pattern);
            Assert.Equal("i-0123abcd", config.InstanceId);
            Assert.Equal("eu-west-1", config.Region);
            Assert.Equal(new[] { "routing", "snapshot", "snapshot" }, config.Settings.Select(s => s.Pattern));
            Assert.Equal(new[] { "VirtualIp", "Policy", "Image" }, config.Settings.Select(s => s.ParameterName));
            Assert.Contains(config.Warnings, w => w.Contains("unknown pattern 'backup'"));
        }

        [Fact]
        public void NullPattern_WithNoSettings_ResolvesNothing()
        {
            var config = ConfigurationResolver.Resolve(null, Map(("Name", "x")), null, Parameters(("KeepGenerations", 3)));

            Assert.Empty(config.Settings);
        }

        [Fact]
        public void NamedPattern_IgnoresOtherPatternsKeys()
        {
            var config = ConfigurationResolver.Resolve("routing", Map(("cdp:snapshot:keep-generations", "seven"), ("cdp:backup:x", "y")), null);

            Assert.Empty(config.Settings);
            Assert.Empty(config.Warnings);
        }

        [Fact]
        public void UnknownPatternName_Throws()
        {
            var error = Assert.Throws<ArgumentException>(() => ConfigurationResolver.Resolve("snapshots", null, null));

            Assert.Contains("'snapshots' is not a known pattern", error.Message);
        }

        [Fact]
        public void ResolveEach_GivesOneObjectPerPattern()
        {
            var tags = Map(("cdp:routing:virtual-ip", "100.64.0.10"), ("cdp:snapshot:keep-generations", "2"));

            var configs = ConfigurationResolver.ResolveEach(tags, null, region: "us-east-1");

            Assert.Equal(new[] { "routing", "snapshot" }, configs.Select(c => c.Pattern));
            Assert.All(configs, c => Assert.Equal("us-east-1", c.Region));
            Assert.Equal(2, configs[1].ToParameterValues()["KeepGenerations"]);
        }

        [Fact]
        public void UserDataReaderOutput_FeedsTheResolver()
        {
            var userData = UserDataReader.Read(UserDataSamples.Utf8(UserDataSamples.Base64(UserDataSamples.Gzip(UserDataSamples.Utf8(UserDataSamples.ShellScript)))));

            var config = ConfigurationResolver.Resolve("snapshot", Map(("cdp:snapshot:keep-generations", "10")), userData.Settings);

            Assert.Equal(10, config.Find("KeepGenerations")!.Value);
            Assert.Equal("ap-southeast-1", config.Find("DestinationRegion")!.Value);
            Assert.Equal(ConfigurationSource.UserData, config.Find("DestinationRegion")!.Source);
        }
    }
}
