using System.Linq;
using CloudDesignPatterns.Engine.Aws;

namespace CloudDesignPatterns.Tests.Core
{
    public sealed class RegionCatalogTests
    {
        [Theory]
        [InlineData("ap-northeast-1", true)]
        [InlineData("us-gov-west-1", true)]
        [InlineData("eu-central-2", true)]
        [InlineData("xx-fake-9", true)]
        [InlineData("Tokyo", false)]
        [InlineData("ap-northeast", false)]
        [InlineData("ap-northeast-1a", false)]
        [InlineData("AP-NORTHEAST-1", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void HasRegionShape(string? name, bool expected) => Assert.Equal(expected, RegionCatalog.HasRegionShape(name!));

        [Fact]
        public void IsKnown_for_sdk_regions_only()
        {
            Assert.True(RegionCatalog.IsKnown("ap-northeast-1"));
            Assert.True(RegionCatalog.IsKnown("us-east-1"));
            Assert.False(RegionCatalog.IsKnown("xx-fake-9"));
            Assert.False(RegionCatalog.IsKnown("ap-northeast-1a"));
        }

        [Fact]
        public void KnownNames_are_sorted_ordinally()
        {
            var names = RegionCatalog.KnownNames.ToList();

            Assert.Contains("ap-northeast-1", names);
            Assert.Equal(names.OrderBy(n => n, System.StringComparer.Ordinal), names);
        }

        [Fact(Skip = "BUG: RegionCatalog's shape ^[a-z]{2}(-[a-z]+)+-[0-9]+$ rejects real regions the SDK lists whose prefix is not " +
                     "two letters (the European Sovereign Cloud's eusc-de-east-1), so -Region eusc-de-east-1 fails with InvalidRegion.")]
        public void Every_real_region_the_sdk_knows_has_region_shape()
        {
            // "us-east-1-regional" is an SDK endpoint alias, not a region anyone passes to -Region.
            var regions = RegionCatalog.KnownNames.Where(n => !n.EndsWith("-regional", System.StringComparison.Ordinal)).ToList();

            Assert.Contains("eusc-de-east-1", regions);
            Assert.All(regions, n => Assert.True(RegionCatalog.HasRegionShape(n), n));
        }
    }
}
