using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Runs one AWS call with retries, a verbose line per attempt, and errors mapped to <see cref="PatternException"/>.
    /// A non-idempotent call whose connection dropped or timed out after it was sent, or that was answered with a 5xx
    /// (EC2 documents that a server error does not say whether the action happened), is not retried blindly: the
    /// outcome is unknown, and only the pattern knows how to look for what it may have created. A create made safe to
    /// repeat by a ClientToken is passed as idempotent and retried.
    /// </summary>
    public sealed class AwsCallRunner
    {
        private readonly IOperationLog log;
        private readonly RetryPolicy policy;

        public AwsCallRunner(IOperationLog log, RetryPolicy policy)
        {
            this.log = log;
            this.policy = policy;
        }

        public RetryPolicy Policy => policy;

        /// <summary>Pacing for calls that change something (EC2 throttles them in their own, smaller bucket) and for reads.</summary>
        public AdaptiveRateLimiter MutatingPace { get; } = new AdaptiveRateLimiter();
        public AdaptiveRateLimiter ReadPace { get; } = new AdaptiveRateLimiter();

        /// <summary>Attempts answered with a throttling error since this runner was made.</summary>
        public int ThrottledAttempts => throttled;
        private int throttled;

        /// <summary>Attempts that failed and were retried since this runner was made (throttling shows up here).</summary>
        public int RetriedAttempts => retried;
        private int retried;

        public async Task<T> RunAsync<T>(string action, string target, bool idempotent, Func<CancellationToken, Task<T>> call, CancellationToken cancel)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            budget.CancelAfter(policy.TotalBudget);
            var pace = IsRead(action) ? ReadPace : MutatingPace;
            for (var attempt = 1; ; attempt++)
            {
                try { await pace.AcquireAsync(budget.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new PatternException("AwsCallTimedOut", PatternErrorCategory.OperationTimeout,
                        $"{action} on {target} could not be sent within {policy.TotalBudget.TotalSeconds:0} s: AWS kept throttling this account's calls.", "RequestLimitExceeded");
                }
                var watch = Stopwatch.StartNew();
                using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
                attemptLimit.CancelAfter(policy.AttemptTimeout);
                PatternException failure;
                bool retryable;
                try
                {
                    var result = await call(attemptLimit.Token).ConfigureAwait(false);
                    pace.OnSuccess();
                    log.Verbose($"{action} {target} → OK in {watch.ElapsedMilliseconds} ms (attempt {attempt})");
                    AwsCallJournal.Record(action, target, "OK", watch.ElapsedMilliseconds, attempt);
                    return result;
                }
                catch (AmazonServiceException ex) when (!(ex.InnerException is OperationCanceledException && cancel.IsCancellationRequested))
                {
                    var status = (int)ex.StatusCode;
                    var code = ex.ErrorCode;
                    if (string.IsNullOrEmpty(code) && IsNetworkFailure(ex.InnerException))
                    {
                        (failure, retryable) = NetworkFailure(action, target, ex.InnerException!, idempotent);
                    }
                    else
                    {
                        retryable = AwsErrorClassifier.IsRetryable(code, status);
                        // Throttling is refused before the action runs; any other server error may have come after it.
                        var outcomeUnknown = retryable && !idempotent && !AwsErrorClassifier.IsThrottling(code);
                        if (outcomeUnknown) retryable = false;
                        failure = new PatternException($"AwsCallFailed.{code ?? status.ToString()}", AwsErrorClassifier.Categorize(code, status),
                            $"{action} on {target} failed: {code} (HTTP {status}): {ex.Message}", code,
                            AwsErrorClassifier.MissingAction(code, ex.Message, action), ex) { OutcomeUnknown = outcomeUnknown };
                    }
                }
                catch (AmazonClientException ex) when (!IsNetworkFailure(ex.InnerException) && !cancel.IsCancellationRequested)
                {
                    // Raised before anything is sent: the credentials could not be obtained (expired SSO token, denied assume-role…).
                    throw new PatternException("AwsCredentialsUnavailable", PatternErrorCategory.AuthenticationError,
                        $"{action} on {target}: the AWS credentials could not be obtained: {ex.GetBaseException().Message}", inner: ex);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    log.Verbose($"{action} {target} → cancelled after {watch.ElapsedMilliseconds} ms (attempt {attempt})");
                    throw;
                }
                catch (Exception ex) when (IsNetworkFailure(ex) || ex is OperationCanceledException)
                {
                    (failure, retryable) = NetworkFailure(action, target, ex, idempotent);
                }

                log.Verbose($"{action} {target} → {failure.AwsErrorCode ?? failure.ErrorId} in {watch.ElapsedMilliseconds} ms (attempt {attempt})");
                AwsCallJournal.Record(action, target, failure.AwsErrorCode ?? failure.ErrorId, watch.ElapsedMilliseconds, attempt);
                var throttledNow = AwsErrorClassifier.IsThrottling(failure.AwsErrorCode);
                // Throttling is paced rather than backed off, so it gets more attempts; the total budget still bounds them.
                var attemptLimitForError = throttledNow ? Math.Max(policy.MaxAttempts, policy.MaxThrottledAttempts) : policy.MaxAttempts;
                if (!retryable || attempt >= attemptLimitForError || budget.IsCancellationRequested) throw failure;
                Interlocked.Increment(ref retried);
                if (throttledNow) { Interlocked.Increment(ref throttled); pace.OnThrottled(); }
                try { await Task.Delay(throttledNow ? TimeSpan.Zero : policy.DelayBefore(attempt + 1), budget.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { throw failure; }
            }
        }

        private (PatternException, bool) NetworkFailure(string action, string target, Exception ex, bool idempotent)
        {
            var notSent = NeverSent(ex);
            var timedOut = ex is OperationCanceledException || ex.GetBaseException() is OperationCanceledException;
            var what = timedOut ? $"no answer within {policy.AttemptTimeout.TotalSeconds:0} s" : ex.GetBaseException().Message;
            var failure = new PatternException(timedOut ? "AwsCallTimedOut" : "AwsEndpointUnreachable",
                timedOut ? PatternErrorCategory.OperationTimeout : PatternErrorCategory.ConnectionError,
                $"{action} on {target} could not complete: {what}. Check the endpoint, proxy and network.", inner: ex)
            {
                OutcomeUnknown = !idempotent && !notSent,
            };
            return (failure, idempotent || notSent);
        }

        /// <summary>Reads (Describe*, Get*, List*) and changes are throttled in separate buckets by EC2, so they are paced apart.</summary>
        private static bool IsRead(string action)
        {
            var name = action.Substring(action.IndexOf(':') + 1);
            return name.StartsWith("Describe", StringComparison.Ordinal) || name.StartsWith("Get", StringComparison.Ordinal)
                || name.StartsWith("List", StringComparison.Ordinal);
        }

        private static bool IsNetworkFailure(Exception? ex)
            => ex is HttpRequestException || ex is IOException || ex is WebException || ex is SocketException ||
               (ex?.InnerException != null && IsNetworkFailure(ex.InnerException));

        /// <summary>A refused connection means the request never left: safe to retry even a mutating call.</summary>
        private static bool NeverSent(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e is SocketException s && (s.SocketErrorCode == SocketError.ConnectionRefused || s.SocketErrorCode == SocketError.HostNotFound))
                    return true;
            return false;
        }
    }
}
