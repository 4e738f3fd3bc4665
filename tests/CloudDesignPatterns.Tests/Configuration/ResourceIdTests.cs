using System;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class ResourceIdTests
    {
        public static TheoryData<ResourceKind, string> Prefixes => new TheoryData<ResourceKind, string>
        {
            { ResourceKind.Instance, "i-" },
            { ResourceKind.Volume, "vol-" },
            { ResourceKind.Snapshot, "snap-" },
            { ResourceKind.Image, "ami-" },
            { ResourceKind.RouteTable, "rtb-" },
            { ResourceKind.NetworkInterface, "eni-" },
            { ResourceKind.SecurityGroup, "sg-" },
            { ResourceKind.ElasticIpAllocation, "eipalloc-" },
            { ResourceKind.Subnet, "subnet-" },
            { ResourceKind.Vpc, "vpc-" },
        };

        [Theory]
        [MemberData(nameof(Prefixes))]
        public void EveryKind_AcceptsEightAndSeventeenLowercaseHex(ResourceKind kind, string prefix)
        {
            Assert.Equal(prefix, ResourceId.Prefix(kind));
            Assert.True(ResourceId.IsValid(kind, prefix + "0123abcd"));
            Assert.True(ResourceId.IsValid(kind, prefix + "0123456789abcdef0"));
        }

        [Theory]
        [MemberData(nameof(Prefixes))]
        public void EveryKind_RejectsWrongLengthsUppercaseNonHexAndBarePrefix(ResourceKind kind, string prefix)
        {
            Assert.False(ResourceId.IsValid(kind, prefix));
            Assert.False(ResourceId.IsValid(kind, prefix + "0123abc"));            // 7
            Assert.False(ResourceId.IsValid(kind, prefix + "0123abcd0"));          // 9
            Assert.False(ResourceId.IsValid(kind, prefix + "0123456789abcdef"));   // 16
            Assert.False(ResourceId.IsValid(kind, prefix + "0123456789abcdef01")); // 18
            Assert.False(ResourceId.IsValid(kind, prefix + "0123ABCD"));
            Assert.False(ResourceId.IsValid(kind, prefix + "0123abcg"));
            Assert.False(ResourceId.IsValid(kind, prefix.ToUpperInvariant() + "0123abcd"));
            Assert.False(ResourceId.IsValid(kind, " " + prefix + "0123abcd"));
            Assert.False(ResourceId.IsValid(kind, prefix + "0123abcd\n"));
            Assert.False(ResourceId.IsValid(kind, null));
            Assert.False(ResourceId.IsValid(kind, ""));
        }

        [Fact]
        public void WrongPrefix_IsRejected()
        {
            Assert.False(ResourceId.IsValid(ResourceKind.Instance, "vol-0123abcd"));
            Assert.False(ResourceId.IsValid(ResourceKind.SecurityGroup, "sgr-0123abcd"));
        }

        [Fact]
        public void Require_ReturnsTheIdWhenValid()
        {
            Assert.Equal("i-0123456789abcdef0", ResourceId.Require(ResourceKind.Instance, "i-0123456789abcdef0"));
        }

        [Fact]
        public void Require_ThrowsWithTheValueAndTheExpectedForm()
        {
            var error = Assert.Throws<ArgumentException>(() => ResourceId.Require(ResourceKind.Instance, "i-"));

            Assert.Equal("'i-' is not a valid instance id (expected i- followed by 8 or 17 hexadecimal characters)", error.Message);
        }

        [Fact]
        public void Require_WithParameterName_SetsParamName()
        {
            var error = Assert.Throws<ArgumentException>(() => ResourceId.Require(ResourceKind.RouteTable, "rtb-XYZ", "RouteTableId"));

            Assert.Equal("RouteTableId", error.ParamName);
            Assert.StartsWith("'rtb-XYZ' is not a valid route table id (expected rtb- followed by 8 or 17 hexadecimal characters)", error.Message);
        }

        [Fact]
        public void TryGetKind_FindsTheKindFromThePrefix()
        {
            Assert.True(ResourceId.TryGetKind("eipalloc-0123abcd", out var kind));
            Assert.Equal(ResourceKind.ElasticIpAllocation, kind);
            Assert.False(ResourceId.TryGetKind("nope-0123abcd", out _));
        }

        [Theory]
        [InlineData("us-east-1")]
        [InlineData("ap-southeast-1")]
        [InlineData("us-gov-west-1")]
        [InlineData("eu-central-2")]
        [InlineData("il-central-1")]
        public void RegionNames_AreAccepted(string region) => Assert.True(ResourceId.IsValidRegionName(region));

        [Theory]
        [InlineData("US-EAST-1")]
        [InlineData("us-east")]
        [InlineData("useast1")]
        [InlineData("us-east-1a")]
        [InlineData("us-east-1\n")]
        [InlineData("")]
        [InlineData(null)]
        public void NonRegionNames_AreRejected(string? region) => Assert.False(ResourceId.IsValidRegionName(region));

        [Fact]
        public void RequireRegionName_NamesTheValueAndForm()
        {
            var error = Assert.Throws<ArgumentException>(() => ResourceId.RequireRegionName("Tokyo"));

            Assert.Equal("'Tokyo' is not a valid region name (expected a region name such as us-east-1 or ap-southeast-1)", error.Message);
        }
    }
}
