using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Diagnostics;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// The engine runs on thread-pool threads, but PowerShell only accepts Write* calls on the pipeline thread.
    /// Engine messages and results are queued here and written by the cmdlet's own thread while it waits.
    /// </summary>
    internal sealed class PipelinePump : IOperationLog
    {
        private readonly BlockingCollection<Action<Cmdlet>> queue = new BlockingCollection<Action<Cmdlet>>();

        public void Verbose(string message) => Add(c =>
        {
            if (c is PatternCmdlet pattern) pattern.WriteVerboseLine(message);
            else c.WriteVerbose(message);
        });
        public void Debug(string message) => Add(c => c.WriteDebug(message));
        public void Warning(string message) => Add(c => c.WriteWarning(message));

        public void Progress(int activityId, string activity, string status, int percent, bool completed = false)
            => Add(c => c.WriteProgress(new ProgressRecord(activityId, activity, string.IsNullOrEmpty(status) ? " " : status)
            {
                PercentComplete = Math.Max(-1, Math.Min(100, percent)),
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            }));

        /// <summary>Queue any pipeline action (an output object, an error) from a worker thread.</summary>
        public void Post(Action<Cmdlet> action) => Add(action);

        /// <summary>Writes queued items on the calling (pipeline) thread until the task ends, then drains the rest.</summary>
        public void PumpUntil(Task task, Cmdlet cmdlet)
        {
            task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var action in queue.GetConsumingEnumerable())
                action(cmdlet);
        }

        /// <summary>Posts after the pump stopped (the command is failing) are dropped rather than thrown at the worker.</summary>
        private void Add(Action<Cmdlet> action)
        {
            try { queue.Add(action); }
            catch (InvalidOperationException) { /* completed: nobody is listening any more */ }
        }
    }
}
