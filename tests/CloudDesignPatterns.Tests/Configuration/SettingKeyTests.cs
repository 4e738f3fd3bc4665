using System;
using CloudDesignPatterns.Engine.Configuration;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class SettingKeyTests
    {
        [Theory]
        [InlineData("keep-generations", "KeepGenerations")]
        [InlineData("route-table-id", "RouteTableId")]
        [InlineData("virtual-ip", "VirtualIp")]
        [InlineData("destination-region", "DestinationRegion")]
        [InlineData("image", "Image")]
        [InlineData("ipv4-address", "Ipv4Address")]
        public void KebabAndPascal_RoundTrip(string kebab, string pascal)
        {
            Assert.Equal(pascal, SettingName.ToPascalCase(kebab));
            Assert.Equal(kebab, SettingName.ToKebabCase(pascal));
        }

        [Theory]
        [InlineData("VirtualIP", "virtual-ip")]
        [InlineData("IPAddress", "ip-address")]
        [InlineData("keepGenerations", "keep-generations")]
        [InlineData("keep-generations", "keep-generations")]
        [InlineData("Keep-Generations", "keep-generations")]
        public void ToKebabCase_HandlesAcronymsCamelCaseAndExistingKebab(string input, string expected)
        {
            Assert.Equal(expected, SettingName.ToKebabCase(input));
        }

        [Fact]
        public void Parse_GivesPatternSettingAndParameterName()
        {
            var key = SettingKey.Parse("cdp:snapshot:keep-generations");

            Assert.Equal("snapshot", key.Pattern);
            Assert.Equal("keep-generations", key.Setting);
            Assert.Equal("KeepGenerations", key.ParameterName);
            Assert.Equal("cdp:snapshot:keep-generations", key.ToString());
        }

        [Theory]
        [InlineData("CDP:Snapshot:keep-generations")]
        [InlineData("cdp:SNAPSHOT:KeepGenerations")]
        [InlineData("  cdp:snapshot:keep-generations  ")]
        public void Parse_NormalisesCaseAndParameterStyleNames(string text)
        {
            Assert.Equal("cdp:snapshot:keep-generations", SettingKey.Parse(text).ToString());
        }

        [Theory]
        [InlineData("cdp:snapshot")]
        [InlineData("cdp:snapshot:keep-generations:extra")]
        [InlineData("aws:snapshot:keep-generations")]
        [InlineData("cdp::keep-generations")]
        [InlineData("cdp:snapshot:")]
        [InlineData("cdp:snap shot:policy")]
        [InlineData("cdp:snapshot:keep_generations")]
        [InlineData("cdp:snapshot:keep--generations")]
        [InlineData("cdp:snapshot:-policy")]
        [InlineData("")]
        public void TryParse_RejectsMalformedKeys(string text)
        {
            Assert.False(SettingKey.TryParse(text, out var key, out var problem));
            Assert.Null(key);
            Assert.NotEmpty(problem);
            Assert.Throws<FormatException>(() => SettingKey.Parse(text));
        }

        [Fact]
        public void Format_BuildsCanonicalKeyFromParameterName()
        {
            Assert.Equal("cdp:routing:route-table-id", SettingKey.Format("Routing", "RouteTableId"));
        }

        [Fact]
        public void TooLongKey_IsRejected()
        {
            Assert.False(SettingKey.TryParse("cdp:snapshot:" + new string('a', 120), out _));
        }

        [Theory]
        [InlineData("cdp:snapshot:keep-generations", true)]
        [InlineData("a-z_A-Z+0=9,.@:", true)]
        [InlineData("cdp:snapshot:keep generations", false)]
        [InlineData("cdp/snapshot", false)]
        [InlineData("cdp:snapshot:é", false)]
        public void HasOnlyTagCharacters_FollowsInstanceMetadataTagRules(string text, bool expected)
        {
            Assert.Equal(expected, SettingKey.HasOnlyTagCharacters(text));
        }

        [Fact]
        public void Equality_IsByCanonicalKey()
        {
            Assert.Equal(SettingKey.Parse("cdp:Snapshot:Image"), SettingKey.Parse("cdp:snapshot:image"));
            Assert.NotEqual(SettingKey.Parse("cdp:snapshot:image"), SettingKey.Parse("cdp:routing:image"));
        }
    }
}
