using System;
using System.Linq;
using CloudDesignPatterns.Engine.Ec2.Query;

namespace CloudDesignPatterns.Tests.SnapshotRows
{
    /// <summary>Ids kept as bytes: the same strings come back, are found again by value, and order as strings do.</summary>
    public class IdTableTests
    {
        [Fact]
        public void Ids_ComeBackAsTheStringsAdded_AndAreFoundByValue_PastEveryGrowth()
        {
            var table = new IdTable(findable: true);
            var ids = Enumerable.Range(0, 5000).Select(i => $"ss-{i * 7919:x16}").ToArray();
            foreach (var id in ids) table.Add(id);

            Assert.Equal(ids.Length, table.Count);
            for (var i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i], table[i]);
                Assert.Equal(i, table.IndexOf(ids[i]));
                Assert.True(table.Is(i, ids[i]));
            }
            Assert.Equal(-1, table.IndexOf("ss-ffffffffffffffff"));
            Assert.Equal(-1, table.IndexOf(ids[3].Substring(0, ids[3].Length - 1)));
            Assert.False(table.Is(1, ids[2]));
        }

        [Fact]
        public void NonAsciiAndEmptyIds_RoundTrip_AndAreFound()
        {
            var table = new IdTable(findable: true);
            var ids = new[] { "ss-é-set", "", "ss-日本-1", "ss-\U0001F600", "ss-plain" };
            foreach (var id in ids) table.Add(id);

            for (var i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i], table[i]);
                Assert.Equal(i, table.IndexOf(ids[i]));
                Assert.True(table.Is(i, ids[i]));
            }
            Assert.Equal(-1, table.IndexOf("ss-e-set"));
        }

        [Fact]
        public void Compare_OrdersAsciiIds_AsCompareOrdinalDoes()
        {
            var ids = new[] { "ss-b", "ss-a", "ss-ab", "ss-", "SS-a", "ss-a0", "ss-9" };
            var table = new IdTable(findable: false);
            foreach (var id in ids) table.Add(id);

            for (var a = 0; a < ids.Length; a++)
                for (var b = 0; b < ids.Length; b++)
                    Assert.Equal(Math.Sign(string.CompareOrdinal(ids[a], ids[b])), Math.Sign(table.Compare(a, b)));
        }

        [Fact]
        public void AddingTheSameIdTwice_NumbersItTwice_AndFindsTheFirst()
        {
            var table = new IdTable(findable: true);
            Assert.Equal(0, table.Add("snap-1"));
            Assert.Equal(1, table.Add("snap-1"));
            Assert.Equal(0, table.IndexOf("snap-1"));
        }

        [Fact]
        public void ATableNotMadeFindable_RefusesToFind()
            => Assert.Throws<InvalidOperationException>(() => new IdTable(findable: false).IndexOf("snap-1"));
    }
}
