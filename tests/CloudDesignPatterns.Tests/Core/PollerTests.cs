using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>The one polling loop behind every wait (sets, restored volumes, a launched instance).</summary>
    public sealed class PollerTests
    {
        private static PatternException TimedOut(int last) => new PatternException("Waited", PatternErrorCategory.OperationTimeout, $"still {last}");

        [Fact]
        public async Task Reads_until_done_backing_off_from_the_first_interval()
        {
            var reads = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            var n = 0;

            var result = await Poller.UntilAsync(_ => { reads.Add(clock.Elapsed); return Task.FromResult(++n); }, v => v == 3,
                TimeSpan.FromMinutes(1), TimedOut, CancellationToken.None);

            Assert.Equal(3, result);
            Assert.Equal(3, reads.Count);
            Assert.True(reads[1] - reads[0] >= Poller.FirstPoll - TimeSpan.FromMilliseconds(20));
            Assert.True(reads[2] - reads[1] >= Poller.FirstPoll + Poller.FirstPoll - TimeSpan.FromMilliseconds(20)); // doubled
        }

        [Fact]
        public async Task At_the_deadline_the_error_is_made_from_the_last_read_and_the_wait_does_not_overrun()
        {
            var n = 0;
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<PatternException>(() => Poller.UntilAsync(_ => Task.FromResult(++n), _ => false,
                TimeSpan.FromMilliseconds(400), TimedOut, CancellationToken.None));

            Assert.Equal("Waited", error.ErrorId);
            Assert.Equal($"still {n}", error.Message);
            Assert.InRange(n, 2, 4); // reads at 0, 250 and the deadline (400): the last pause is cut to what remains
            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1500), $"took {clock.Elapsed}");
        }

        [Fact]
        public async Task After_the_pause_cut_to_the_deadline_there_is_one_read_and_no_more()
        {
            // A deadline shorter than the first pause: read, pause to the deadline, read once more, fail. Before, the
            // timer could end that pause a hair early, and the sub-millisecond rest made the loop read in a spin (132 reads).
            for (var round = 0; round < 20; round++)
            {
                var n = 0;
                await Assert.ThrowsAsync<PatternException>(() => Poller.UntilAsync(_ => Task.FromResult(++n), _ => false,
                    TimeSpan.FromMilliseconds(3), TimedOut, CancellationToken.None));
                Assert.InRange(n, 1, 2);
            }
        }

        [Fact]
        public async Task The_last_read_is_returned_done_or_not_when_asked_for_it()
        {
            var n = 0;
            Assert.Equal(2, await Poller.LastReadAsync(_ => Task.FromResult(++n), v => v == 2, TimeSpan.FromMinutes(1), CancellationToken.None));

            n = 0;
            var last = await Poller.LastReadAsync(_ => Task.FromResult(++n), _ => false, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.Equal(n, last); // out of time: the last read itself, not an error
            Assert.InRange(n, 2, 3); // reads at 0, 250 and the deadline
        }

        [Fact]
        public async Task A_read_that_fails_ends_the_wait_with_its_own_error()
        {
            var error = await Assert.ThrowsAsync<PatternException>(() => Poller.UntilAsync<int>(
                _ => throw new PatternException("SnapshotSetFailed", PatternErrorCategory.InvalidOperation, "failed"), _ => false,
                TimeSpan.FromMinutes(1), TimedOut, CancellationToken.None));

            Assert.Equal("SnapshotSetFailed", error.ErrorId);
        }

        [Fact]
        public async Task Cancelling_stops_the_pause()
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poller.UntilAsync(_ => Task.FromResult(0), _ => false,
                TimeSpan.FromMinutes(1), TimedOut, cancel.Token));
        }
    }
}
