using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet: runs engine work off the pipeline thread while writing its messages on it,
    /// turns Ctrl+C into cancellation of in-flight calls, and turns engine failures into well-formed error records.
    /// </summary>
    public abstract class PatternCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        protected CancellationToken CancelToken => stopping.Token;

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>
        /// One line per AWS call. PowerShell turns -Debug (without -Verbose) into "inquire" for the verbose stream of a
        /// compiled cmdlet, so every line would prompt — and fail in a scheduled, non-interactive run. With -Debug alone
        /// the line goes to the debug stream instead, which -Debug shows without asking.
        /// </summary>
        internal void WriteVerboseLine(string text) => WriteVerbose(text);

        protected new void WriteVerbose(string text)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey("Debug") && !bound.ContainsKey("Verbose")) WriteDebug(text);
            else base.WriteVerbose(text);
        }

        /// <summary>Runs engine work and returns its result; messages it logs reach the verbose/debug/warning/progress streams.</summary>
        internal T Run<T>(Func<IOperationLog, CancellationToken, Task<T>> work) => Run((log, _, ct) => work(log, ct));

        /// <summary>As <see cref="Run{T}(Func{IOperationLog, CancellationToken, Task{T}})"/>, with a pump to post output or errors as they happen.</summary>
        internal T Run<T>(Func<IOperationLog, PipelinePump, CancellationToken, Task<T>> work)
        {
            var pump = new PipelinePump();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
            var task = Task.Run(() => work(pump, pump, linked.Token));
            try
            {
                pump.PumpUntil(task, this);
            }
            catch
            {
                // A write threw (-ErrorAction Stop, a downstream Select-Object -First): stop the engine work and let it
                // finish before anything else runs (a -PostScript must never run while snapshot calls are in flight).
                linked.Cancel();
                try { task.GetAwaiter().GetResult(); } catch (Exception) { /* the write's exception is the one to report */ }
                throw;
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        internal void Run(Func<IOperationLog, CancellationToken, Task> work)
            => Run<bool>(async (log, ct) => { await work(log, ct).ConfigureAwait(false); return true; });

        internal void Run(Func<IOperationLog, PipelinePump, CancellationToken, Task> work)
            => Run<bool>(async (log, pump, ct) => { await work(log, pump, ct).ConfigureAwait(false); return true; });

        /// <summary>A failure of one item: reported, and the pipeline goes on.</summary>
        protected void WritePatternError(PatternException error, object? target) => WriteError(ToErrorRecord(error, target));

        /// <summary>A failure that stops the command.</summary>
        protected void ThrowPatternError(PatternException error, object? target) => ThrowTerminatingError(ToErrorRecord(error, target));

        internal static ErrorRecord ToErrorRecord(PatternException error, object? target)
        {
            var category = Enum.TryParse<ErrorCategory>(error.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(error, error.ErrorId, category, target);
            if (error.MissingAction != null)
                record.ErrorDetails = new ErrorDetails(error.Message)
                {
                    RecommendedAction = $"Grant the IAM action {error.MissingAction} to the caller (Get-PatternIamPolicy shows each pattern's policy).",
                };
            return record;
        }

        /// <summary>Bad input found before any AWS call.</summary>
        protected void ThrowArgumentError(string errorId, string message, object? target)
            => ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));
    }
}
