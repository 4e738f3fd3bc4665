using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Reads every page of a describe, asking for the next page while the last one is parsed: a rotation reads 100 pages
    /// of 1,000 snapshots, and EC2 takes hundreds of milliseconds to answer each one, so the parsing hides behind the
    /// wait instead of adding to it. Only one request is ever in flight, as with a plain loop.
    /// </summary>
    internal static class ReadAheadPager
    {
        /// <param name="fetch">Sends the request for the page after a token (null: the first page).</param>
        /// <param name="parse">Parses a page and returns its next token (null on the last page).</param>
        /// <returns>How long the read waited for answers (the rest of its time was parsing).</returns>
        public static async Task<TimeSpan> ReadAllAsync(Func<string?, CancellationToken, Task<Ec2QueryResponse>> fetch,
            Func<Ec2XmlScanner, string?> parse, CancellationToken cancel)
        {
            var waited = new Stopwatch();
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            Task<Ec2QueryResponse>? pending = fetch(null, readAhead.Token);
            try
            {
                while (pending != null)
                {
                    waited.Start();
                    using var page = await pending.ConfigureAwait(false);
                    waited.Stop();
                    var guessed = page.PeekNextToken();
                    pending = guessed != null ? fetch(guessed, readAhead.Token) : null;
                    var next = parse(page.Scanner());
                    if (next == guessed) continue;
                    // The full parse disagrees with the quick look (never seen from EC2): it decides, and the page asked
                    // for ahead is dropped.
                    if (pending != null) (await pending.ConfigureAwait(false)).Dispose();
                    pending = next != null ? fetch(next, readAhead.Token) : null;
                }
                return waited.Elapsed;
            }
            finally
            {
                if (pending != null) await AbandonAsync(pending, readAhead).ConfigureAwait(false);
            }
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
