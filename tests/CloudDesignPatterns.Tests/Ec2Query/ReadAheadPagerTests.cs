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

            /// <summary>The full parse on a worker: the page number, and the real next token (which the body also carries).</summary>
            public string? Parse(int worker, Ec2XmlScanner xml)
            {
                lock (Events) MostParsing = Math.Max(MostParsing, ++parsing);
                try
                {
                    string? page = null, next = null;
                    xml.ReadRoot();
                    while (xml.NextChild())
                    {
                        if (xml.NameIs(Encoding.ASCII.GetBytes("page"))) page = xml.ReadText();
                        else if (xml.NameIs(Encoding.ASCII.GetBytes("real"))) next = xml.ReadText();
                        else xml.Skip();
                    }
                    // Pages 0 and 1 each hold on until the other's parse has begun (either may start first: the thread pool
                    // can start page 0's parse after page 1 has arrived): with two workers both are then parsing at once;
                    // with one they never would, and the waits give up after five seconds.
                    if (AwaitOverlap && (page == "0" || page == "1"))
                    {
                        (page == "0" ? firstPageStarted : secondPageStarted).Set();
                        (page == "0" ? secondPageStarted : firstPageStarted).Wait(TimeSpan.FromSeconds(5));
                    }
                    if (page == FailOnPage) throw new FormatException("bad page");
                    if (page == CancelOnPage) CancelOnParse?.Cancel();
                    Thread.Sleep(ParseMs); // long enough for the next page to arrive meanwhile
                    lock (Events) { Events.Add("parse " + page); ParsedBy[worker] = page; }
                    return string.IsNullOrEmpty(next) ? null : next;
                }
                finally { lock (Events) parsing--; }
            }

            public void Commit(int worker)
            {
                lock (Events) { Events.Add("commit " + ParsedBy[worker]); Committed.Add(ParsedBy[worker]!); }
            }

            private int parsing;
            public int MostParsing;
            public string? FailOnPage, CancelOnPage;
            public bool AwaitOverlap;
            private readonly ManualResetEventSlim firstPageStarted = new ManualResetEventSlim();
            private readonly ManualResetEventSlim secondPageStarted = new ManualResetEventSlim();
            public CancellationTokenSource? CancelOnParse;
            public int ParseMs;
            public readonly string?[] ParsedBy = new string?[2];
            public readonly List<string> Committed = new List<string>();
            public List<string> Fetches => Events.Where(e => e.StartsWith("fetch")).ToList();
        }

        private static Task ReadAsync(FakeEndpoint endpoint, int workers, CancellationToken cancel = default)
            => ReadAheadPager.ReadAllAsync(endpoint.FetchAsync, endpoint.Parse, endpoint.Commit, workers, new IdleClock(), cancel);

        [Fact]
        public async Task With_one_worker_the_next_page_is_asked_for_before_the_last_one_is_parsed_and_only_one_request_is_ever_in_flight()
        {
            var endpoint = new FakeEndpoint(3);

            await ReadAsync(endpoint, workers: 1);

            Assert.Equal(new[] { "fetch first", "fetch p1", "parse 0", "fetch p2", "commit 0", "parse 1", "commit 1", "parse 2", "commit 2" }, endpoint.Events);
            Assert.Equal(1, endpoint.MostInFlight);
            Assert.Equal(1, endpoint.MostParsing);
        }

        [Fact]
        public async Task With_two_workers_a_page_is_parsed_beside_the_one_before_and_pages_are_committed_in_order()
        {
            var endpoint = new FakeEndpoint(6) { AwaitOverlap = true };

            await ReadAsync(endpoint, workers: 2);

            Assert.Equal(new[] { "0", "1", "2", "3", "4", "5" }, endpoint.Committed);
            Assert.Equal(new[] { "fetch first", "fetch p1", "fetch p2", "fetch p3", "fetch p4", "fetch p5" }, endpoint.Fetches); // each page once, in order
            Assert.Equal(1, endpoint.MostInFlight);
            Assert.Equal(2, endpoint.MostParsing);
            // A page is committed only once parsed, and never before the page ahead of it.
            foreach (var page in endpoint.Committed)
                Assert.True(endpoint.Events.IndexOf("parse " + page) < endpoint.Events.IndexOf("commit " + page));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public async Task When_the_quick_look_disagrees_with_the_parse_the_parse_decides(int workers)
        {
            var endpoint = new FakeEndpoint(3) { WrongPeek = next => next == "p1" ? "p2" : next, ParseMs = 30 }; // the first page's visible token lies

            await ReadAsync(endpoint, workers);

            Assert.Equal(new[] { "0", "1", "2" }, endpoint.Committed); // no page skipped, none handed on twice, in order
            Assert.Contains("fetch p1", endpoint.Events);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public async Task A_page_that_fails_to_parse_stops_the_read_and_nothing_after_it_is_committed(int workers)
        {
            var endpoint = new FakeEndpoint(5) { ParseMs = 30, FailOnPage = "1" };

            var error = await Assert.ThrowsAsync<FormatException>(() => ReadAsync(endpoint, workers));

            Assert.Equal("bad page", error.Message);
            Assert.Equal(new[] { "0" }, endpoint.Committed);
            Assert.True(endpoint.Fetches.Count <= 4); // the read stops: page p4 is never asked for
            var events = endpoint.Events.Count;
            await Task.Delay(100);
            Assert.Equal(events, endpoint.Events.Count); // no worker runs on after the read has returned
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public async Task Cancelling_stops_the_read_between_pages(int workers)
        {
            using var cancel = new CancellationTokenSource();
            var endpoint = new FakeEndpoint(50) { CancelOnPage = "1", CancelOnParse = cancel };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(endpoint, workers, cancel.Token));

            Assert.True(endpoint.Fetches.Count <= 4);
        }

        [Fact]
        public void The_idle_clock_counts_only_the_time_no_worker_is_busy()
        {
            long now = 0;
            var clock = new IdleClock(() => now);
            var second = System.Diagnostics.Stopwatch.Frequency;

            now += 5 * second;            // waiting for the first page: idle
            clock.StartWork();
            now += 1 * second;
            clock.StartWork();            // a second worker joins
            now += 2 * second;
            clock.StopWork();             // one still busy: not idle
            now += 3 * second;
            clock.StopWork();
            now += 7 * second;            // waiting again: idle, counted up to now

            Assert.Equal(TimeSpan.FromSeconds(12), clock.Idle);
            clock.StartWork();
            now += 4 * second;            // busy: the idle time stands still
            Assert.Equal(TimeSpan.FromSeconds(12), clock.Idle);
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
