using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Reads every page of a describe, asking for the next page as soon as a page arrives (its token is read from the end
    /// of the body) rather than once it is parsed: a rotation reads 100 pages of 1,000 snapshots, and EC2 takes hundreds
    /// of milliseconds to answer each one, so the parsing hides behind the wait instead of adding to it. With two workers,
    /// a page that arrives while the last one is still being parsed is parsed beside it, on the other core. Only one
    /// request is ever in flight, as with a plain loop, and pages are handed on (committed) one at a time, in order.
    /// </summary>
    internal static class ReadAheadPager
    {
        /// <param name="fetch">Sends the request for the page after a token (null: the first page).</param>
        /// <param name="parse">
        /// Parses a page on worker 0 or 1 (each worker keeps its own state: two pages can be parsed at once) and returns
        /// the page's next token (null on the last page). Nothing parsed is kept unless it is committed.
        /// </param>
        /// <param name="commit">
        /// Hands on what a worker parsed, once the page is known to be the one that follows the last page committed.
        /// Called in page order, never twice at once.
        /// </param>
        /// <param name="workers">1: a page is parsed after the one before it is committed; 2: two pages may be parsed at once.</param>
        /// <param name="clock">Counts the time no worker was busy: the read's wait for EC2.</param>
        public static async Task ReadAllAsync(Func<string?, CancellationToken, Task<Ec2QueryResponse>> fetch,
            Func<int, Ec2XmlScanner, string?> parse, Action<int> commit, int workers, IdleClock clock, CancellationToken cancel)
        {
            if (workers < 1 || workers > 2) throw new ArgumentOutOfRangeException(nameof(workers), workers, "One or two workers.");
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            Task<Ec2QueryResponse>? pending = fetch(null, readAhead.Token);
            // The page being parsed (or parsed, not yet committed), its worker, and the token the next page was asked with.
            Task<string?>? previous = null;
            var previousWorker = 0;
            string? askedAfterPrevious = null;
            Task<string?>? current = null;
            var worker = 0;
            try
            {
                while (pending != null || previous != null)
                {
                    Ec2QueryResponse? page = null;
                    string? guessed = null;
                    if (pending != null)
                    {
                        page = await pending.ConfigureAwait(false);
                        pending = null;
                        guessed = page.PeekNextToken();
                        if (guessed != null) pending = fetch(guessed, readAhead.Token);
                        if (workers > 1) (current, page) = (Parse(parse, worker, page, clock, workers), null);
                    }
                    if (previous != null)
                    {
                        var next = await previous.ConfigureAwait(false);
                        previous = null;
                        if (next != askedAfterPrevious)
                        {
                            // The full parse disagrees with the quick look (never seen from EC2): it decides, and the page
                            // asked for with the quick look's token is dropped, parsed or not.
                            page?.Dispose();
                            page = null;
                            if (current != null) await DropAsync(current).ConfigureAwait(false);
                            current = null;
                            if (pending != null) (await pending.ConfigureAwait(false)).Dispose();
                            pending = next != null ? fetch(next, readAhead.Token) : null;
                        }
                        Commit(commit, previousWorker, clock);
                    }
                    if (page != null) current = Parse(parse, worker, page, clock, workers);
                    if (current == null) continue;
                    (previous, previousWorker, askedAfterPrevious, current) = (current, worker, guessed, null);
                    worker = (worker + 1) % workers;
                }
            }
            finally
            {
                // Whatever happened, no worker runs on after the read returns, and a page asked for ahead gives its buffer back.
                if (previous != null) await DropAsync(previous).ConfigureAwait(false);
                if (current != null) await DropAsync(current).ConfigureAwait(false);
                if (pending != null) await AbandonAsync(pending, readAhead).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Parses beside the page before, on the thread pool, with two workers; inline with one. The page's buffer goes
        /// back to its pool either way.
        /// </summary>
        private static Task<string?> Parse(Func<int, Ec2XmlScanner, string?> parse, int worker, Ec2QueryResponse page, IdleClock clock, int workers)
        {
            string? Run()
            {
                clock.StartWork();
                try { return parse(worker, page.Scanner()); }
                finally
                {
                    clock.StopWork();
                    page.Dispose();
                }
            }
            return workers > 1 ? Task.Run(Run) : Task.FromResult(Run());
        }

        private static void Commit(Action<int> commit, int worker, IdleClock clock)
        {
            clock.StartWork();
            try { commit(worker); }
            finally { clock.StopWork(); }
        }

        /// <summary>Waits for a parse whose result will not be used; its own failure adds nothing to the read's.</summary>
        private static async Task DropAsync(Task<string?> parsing)
        {
            try { await parsing.ConfigureAwait(false); }
            catch (Exception) { }
        }

        /// <summary>A page asked for ahead that will not be parsed (the read failed or was cancelled): stop it, return its buffer.</summary>
        private static async Task AbandonAsync(Task<Ec2QueryResponse> pending, CancellationTokenSource readAhead)
        {
            readAhead.Cancel();
            try { (await pending.ConfigureAwait(false)).Dispose(); }
            catch (Exception) { /* the read already failed or was cancelled; this page's own failure adds nothing */ }
        }
    }
}
