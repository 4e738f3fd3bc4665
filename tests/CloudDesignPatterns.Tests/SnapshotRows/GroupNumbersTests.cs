using System.Linq;
using CloudDesignPatterns.Engine.Snapshots.Rotation;

namespace CloudDesignPatterns.Tests.SnapshotRows
{
    /// <summary>The rotation's own group table: one number per (instance, policy), first seen first, by value not by reference.</summary>
    public class GroupNumbersTests
    {
        [Fact]
        public void Groups_AreNumberedInTheOrderFirstSeen_OncePerInstanceAndPolicy_PastEveryGrowth()
        {
            var groups = new GroupNumbers();
            var instances = Enumerable.Range(0, 500).Select(i => $"i-{i:x17}").ToArray();
            foreach (var instance in instances)
            {
                groups.NumberOf(instance, "nightly");
                groups.NumberOf(instance, "weekly");
            }

            Assert.Equal(1000, groups.Count);
            for (var i = 0; i < instances.Length; i++)
            {
                // A copy of the string, as a second parse worker's pool would hand out: the same group.
                Assert.Equal(2 * i, groups.NumberOf(new string(instances[i].ToCharArray()), "nightly"));
                Assert.Equal(2 * i + 1, groups.NumberOf(instances[i], new string("weekly".ToCharArray())));
                Assert.Equal(instances[i], groups.InstanceOf(2 * i));
                Assert.Equal("weekly", groups.PolicyOf(2 * i + 1));
            }
            Assert.Equal(1000, groups.Count);
            Assert.Equal(1000, groups.NumberOf("", ""));
        }
    }
}
