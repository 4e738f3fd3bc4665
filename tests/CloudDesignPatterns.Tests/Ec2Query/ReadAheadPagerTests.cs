using System;
using System.Collections.Generic;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2.Query;

namespace CloudDesignPatterns.Tests.Ec2Query
{
    /// <summary>Reading pages with the next one asked for while the last is parsed: order, one request at a time, failures.</summary>
    public sealed class ReadAheadPagerTests
    {
        /// <summary>Pages "p0".."pN" whose bodies name the next page as EC2 does, at the end; records what happens, in order.</summary>
        private sealed class FakeEndpoint
        {
            private readonly int pages;
            private int inFlight;
            public readonly List<string> Events = new List<string>();
            public int MostInFlight;
            public Func<string?, string?>? WrongPeek;

            public FakeEndpoint(int pages) { this.pages = pages; }

            public async Task<Ec2QueryResponse> FetchAsync(string? token, CancellationToken cancel)
            {
                lock (Events) { Events.Add("fetch " + (token ?? "first")); MostInFlight = Math.Max(MostInFlight, ++inFlight); }
                try
                {
                    await Task.Delay(20, cancel);
                    var index = token == null ? 0 : int.Parse(token.Substring(1));
                    var next = index + 1 < pages ? "p" + (index + 1) : null;
                    var peek = WrongPeek != null ? WrongPeek(next) : next;
                    // The body's visible token and the one a full parse finds may differ only when a test says so.
                    var xml = $"<R><page>{index}</page><real>{next}</real>" + (peek != null ? $"<nextToken>{peek}</nextToken>" : "") + "</R>";
                    var bytes = Encoding.UTF8.GetBytes(xml);
                    var pooled = ArrayPool<byte>.Shared.Rent(bytes.Length);
                    Buffer.BlockCopy(bytes, 0, pooled, 0, bytes.Length);
                    return new Ec2QueryResponse(pooled, bytes.Length);
                }
                finally { lock (Events) inFlight--; }
            }

            /// <summary>The full parse: the page number, and the real next token (which the body also carries).</summary>
            public string? Parse(Ec2XmlScanner xml)
            {
                string? page = null, next = null;
                xml.ReadRoot();
                while (xml.NextChild())
                {
                    if (xml.NameIs(Encoding.ASCII.GetBytes("page"))) page = xml.ReadText();
                    else if (xml.NameIs(Encoding.ASCII.GetBytes("real"))) next = xml.ReadText();
                    else xml.Skip();
                }
                lock (Events) Events.Add("parse " + page);
                return string.IsNullOrEmpty(next) ? null : next;
            }
        }

        [Fact]
        public async Task The_next_page_is_asked_for_before_the_last_one_is_parsed_and_only_one_request_is_ever_in_flight()
        {
            var endpoint = new FakeEndpoint(3);

            await ReadAheadPager.ReadAllAsync(endpoint.FetchAsync, endpoint.Parse, CancellationToken.None);

            Assert.Equal(new[] { "fetch first", "fetch p1", "parse 0", "fetch p2", "parse 1", "parse 2" }, endpoint.Events);
            Assert.Equal(1, endpoint.MostInFlight);
        }

        [Fact]
        public async Task When_the_quick_look_disagrees_with_the_parse_the_parse_decides()
        {
            var endpoint = new FakeEndpoint(3) { WrongPeek = next => next == "p1" ? "p2" : next }; // the first page's visible token lies

            await ReadAheadPager.ReadAllAsync(endpoint.FetchAsync, endpoint.Parse, CancellationToken.None);

            var parsed = endpoint.Events.Where(e => e.StartsWith("parse")).ToList();
            Assert.Equal(new[] { "parse 0", "parse 1", "parse 2" }, parsed); // no page skipped, none parsed twice
            Assert.Contains("fetch p1", endpoint.Events);
        }

        [Fact]
        public async Task A_page_that_fails_to_parse_stops_the_read_and_the_page_asked_for_ahead_is_dropped()
        {
            var endpoint = new FakeEndpoint(5);
            var parses = 0;

            var error = await Assert.ThrowsAsync<FormatException>(() => ReadAheadPager.ReadAllAsync(endpoint.FetchAsync,
                xml => ++parses == 2 ? throw new FormatException("bad page") : endpoint.Parse(xml), CancellationToken.None));

            Assert.Equal("bad page", error.Message);
            Assert.Equal(new[] { "fetch first", "fetch p1", "parse 0", "fetch p2" }, endpoint.Events); // p3 never asked for
        }

        [Fact]
        public async Task Cancelling_stops_the_read_between_pages()
        {
            var endpoint = new FakeEndpoint(50);
            using var cancel = new CancellationTokenSource();
            var parses = 0;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAheadPager.ReadAllAsync(endpoint.FetchAsync,
                xml => { if (++parses == 2) cancel.Cancel(); return endpoint.Parse(xml); }, cancel.Token));

            Assert.True(endpoint.Events.Count(e => e.StartsWith("fetch")) <= 3);
        }

        [Theory]
        [InlineData("<R><items/><nextToken>abc+/==</nextToken></R>", "abc+/==")]
        [InlineData("<R><nextToken>a&amp;b</nextToken></R>", "a&b")]
        [InlineData("<R><items/></R>", null)]
        [InlineData("<R><nextToken/></R>", null)]
        [InlineData("<R><nextToken></nextToken></R>", null)]
        public void The_quick_look_finds_EC2s_next_token(string xml, string? expected)
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            var pooled = ArrayPool<byte>.Shared.Rent(bytes.Length);
            Buffer.BlockCopy(bytes, 0, pooled, 0, bytes.Length);
            using var response = new Ec2QueryResponse(pooled, bytes.Length);

            Assert.Equal(expected, response.PeekNextToken());
        }
    }
}
