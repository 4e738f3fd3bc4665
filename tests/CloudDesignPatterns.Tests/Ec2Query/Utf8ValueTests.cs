using System;
using System.Globalization;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Ec2.Query;

namespace CloudDesignPatterns.Tests.Ec2Query
{
    /// <summary>Values read straight from response bytes: shared strings, EC2's timestamps, plain numbers.</summary>
    public sealed class Utf8ValueTests
    {
        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public void The_pool_hands_out_one_instance_per_value_whether_ASCII_or_not()
        {
            var pool = new Utf8StringPool();
            var a = Bytes("xx cdp:snapshot:policy yy");
            var b = Bytes("cdp:snapshot:policy");

            var first = pool.Get(a, 3, 19);
            var second = pool.Get(b, 0, b.Length);

            Assert.Equal("cdp:snapshot:policy", first);
            Assert.Same(first, second);
            var cafe = Bytes("caf\u00e9");
            Assert.Same(pool.Get(cafe, 0, cafe.Length), pool.Get(cafe, 0, cafe.Length));
            Assert.Equal("caf\u00e9", pool.Get(cafe, 0, cafe.Length));
            Assert.Same(pool.Get("caf\u00e9"), pool.Get(cafe, 0, cafe.Length)); // decoded text (an entity) meets the same value
            Assert.Equal("", pool.Get(b, 0, 0));
        }

        [Fact]
        public void The_pool_keeps_every_value_apart_as_it_grows()
        {
            var pool = new Utf8StringPool();
            var values = Enumerable.Range(0, 5000).Select(n => "ss-" + n.ToString("x16", CultureInfo.InvariantCulture)).ToList();

            var first = values.Select(v => pool.Get(Bytes(v), 0, v.Length)).ToList();
            var again = values.Select(v => pool.Get(Bytes(v), 0, v.Length)).ToList();

            Assert.Equal(values, first);
            Assert.All(Enumerable.Range(0, values.Count), i => Assert.Same(first[i], again[i]));
            Assert.Equal(5000, pool.Count);
        }

        [Theory]
        [InlineData("2026-11-27T01:02:03Z")]
        [InlineData("2026-11-27T01:02:03.4Z")]
        [InlineData("2026-11-27T01:02:03.456Z")]
        [InlineData("2024-02-29T23:59:59.9999999Z")]
        public void EC2_timestamps_read_from_bytes_as_DateTime_Parse_reads_them(string text)
        {
            var bytes = Bytes("<" + text + ">");

            Assert.True(Iso8601.TryParseUtc(bytes, 1, text.Length, out var value));

            Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), value);
            Assert.Equal(DateTimeKind.Utc, value.Kind);
        }

        [Theory]
        [InlineData("2026-11-27T01:02:03+01:00")] // an offset: left to DateTime.Parse
        [InlineData("2026-11-27 01:02:03Z")]
        [InlineData("2026-13-27T01:02:03Z")]
        [InlineData("2026-02-30T01:02:03Z")]
        [InlineData("2026-11-27T24:02:03Z")]
        [InlineData("2026-11-27T01:02:03.Z")]
        [InlineData("2026-11-27T01:02:03.12345678Z")]
        [InlineData("2026-11-27")]
        public void Any_other_form_is_not_read_here(string text)
        {
            var bytes = Bytes(text);
            Assert.False(Iso8601.TryParseUtc(bytes, 0, bytes.Length, out _));
        }

        [Theory]
        [InlineData("0", true, 0)]
        [InlineData("100", true, 100)]
        [InlineData("999999999", true, 999999999)]
        [InlineData("1000000000", false, 0)] // ten digits could overflow
        [InlineData("", false, 0)]
        [InlineData("-1", false, 0)]
        [InlineData("12a", false, 0)]
        public void Plain_numbers_are_digits_only(string text, bool ok, int expected)
        {
            var bytes = Bytes(text);
            Assert.Equal(ok, AsciiDigits.TryParse(bytes, 0, bytes.Length, out var value));
            if (ok) Assert.Equal(expected, value);
        }
    }
}
