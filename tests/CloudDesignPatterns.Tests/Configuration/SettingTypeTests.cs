using System;
using CloudDesignPatterns.Engine.Configuration.Types;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class SettingTypeTests
    {
        private static object? Parse(SettingType type, string raw) => type.TryParse(raw, out var value) ? value : null;

        [Theory]
        [InlineData("1", 1)]
        [InlineData("7", 7)]
        [InlineData("365", 365)]
        public void PositiveInteger_AcceptsWholeNumbersFromOne(string raw, int expected) =>
            Assert.Equal(expected, Parse(SettingTypes.PositiveInteger, raw));

        [Theory]
        [InlineData("0")]
        [InlineData("-3")]
        [InlineData("seven")]
        [InlineData("7.5")]
        [InlineData("99999999999")]
        public void PositiveInteger_RejectsEverythingElse(string raw) => Assert.Null(Parse(SettingTypes.PositiveInteger, raw));

        [Theory]
        [InlineData("true", true)]
        [InlineData("TRUE", true)]
        [InlineData("yes", true)]
        [InlineData("1", true)]
        [InlineData("false", false)]
        [InlineData("No", false)]
        [InlineData("0", false)]
        public void Boolean_AcceptsTrueFalseYesNoOneZero(string raw, bool expected) =>
            Assert.Equal(expected, Parse(SettingTypes.Boolean, raw));

        [Theory]
        [InlineData("on")]
        [InlineData("2")]
        [InlineData("y")]
        public void Boolean_RejectsOtherWords(string raw) => Assert.Null(Parse(SettingTypes.Boolean, raw));

        [Theory]
        [InlineData("7d", 7 * 24 * 60)]
        [InlineData("12h", 12 * 60)]
        [InlineData("30m", 30)]
        [InlineData("2w", 14 * 24 * 60)]
        [InlineData("90s", 1.5)]
        [InlineData("7D", 7 * 24 * 60)]
        [InlineData("1.02:00:00", 26 * 60)]
        [InlineData("02:30:00", 150)]
        public void Duration_AcceptsUnitsAndConstantForm(string raw, double minutes) =>
            Assert.Equal(TimeSpan.FromMinutes(minutes), Parse(SettingTypes.Duration, raw));

        [Theory]
        [InlineData("7")]
        [InlineData("0d")]
        [InlineData("00:00:00")]
        [InlineData("-1.00:00:00")]
        [InlineData("1.5d")]
        [InlineData("7 days")]
        [InlineData("P7D")]
        public void Duration_RejectsBareNumbersZeroNegativeAndOtherForms(string raw) => Assert.Null(Parse(SettingTypes.Duration, raw));

        [Theory]
        [InlineData("100.64.0.10", "100.64.0.10")]
        [InlineData("100.64.0.10/32", "100.64.0.10")]
        [InlineData("0.0.0.0", "0.0.0.0")]
        [InlineData("255.255.255.255", "255.255.255.255")]
        public void IPv4_AcceptsDottedQuads(string raw, string expected) => Assert.Equal(expected, Parse(SettingTypes.IPv4Address, raw));

        [Theory]
        [InlineData("10.1")]
        [InlineData("256.0.0.1")]
        [InlineData("010.0.0.1")]
        [InlineData("10.0.0.1/24")]
        [InlineData("10.0.0.")]
        [InlineData("::1")]
        [InlineData("10.0.0.1 ")]
        public void IPv4_RejectsAmbiguousOrOtherForms(string raw) => Assert.Null(Parse(SettingTypes.IPv4Address, raw));

        [Fact]
        public void ResourceIdList_SplitsTrimsDropsEmptiesAndDuplicates()
        {
            var type = SettingTypes.ResourceIdList(ResourceKind.RouteTable);

            Assert.Equal(new[] { "rtb-0123abcd", "rtb-0123456789abcdef0" },
                Parse(type, "rtb-0123abcd, rtb-0123456789abcdef0,,rtb-0123abcd,"));
        }

        [Theory]
        [InlineData("rtb-1,rtb-2")]
        [InlineData("rtb-0123abcd,subnet-0123abcd")]
        [InlineData(",")]
        public void ResourceIdList_RejectsAnyInvalidId(string raw) =>
            Assert.Null(Parse(SettingTypes.ResourceIdList(ResourceKind.RouteTable), raw));

        [Theory]
        [InlineData("default", true)]
        [InlineData("Nightly_DB-01", true)]
        [InlineData("night ly", false)]
        [InlineData("nightly\n", false)]
        [InlineData("cdp:policy", false)]
        public void Name_AllowsLettersDigitsDashUnderscore(string raw, bool valid) =>
            Assert.Equal(valid, Parse(SettingTypes.Name, raw) != null);

        [Fact]
        public void Name_IsAtMost64Characters()
        {
            Assert.NotNull(Parse(SettingTypes.Name, new string('a', 64)));
            Assert.Null(Parse(SettingTypes.Name, new string('a', 65)));
        }

        [Fact]
        public void RegionName_UsesTheRegionShape()
        {
            Assert.Equal("ap-southeast-1", Parse(SettingTypes.RegionName, "ap-southeast-1"));
            Assert.Null(Parse(SettingTypes.RegionName, "Tokyo"));
        }

        [Fact]
        public void Format_RoundTripsTypedValues()
        {
            Assert.Equal("1.02:00:00", SettingType.FormatInvariant(new TimeSpan(1, 2, 0, 0)));
            Assert.Equal("true", SettingType.FormatInvariant(true));
            Assert.Equal("rtb-0123abcd,rtb-4567cdef", SettingType.FormatInvariant(new[] { "rtb-0123abcd", "rtb-4567cdef" }));
            Assert.Equal("7", SettingType.FormatInvariant(7));
        }
    }
}
