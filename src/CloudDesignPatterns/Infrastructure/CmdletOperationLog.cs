using CloudDesignPatterns.Engine.Diagnostics;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>The engine's log for work a cmdlet runs synchronously on its own pipeline thread (local files, no AWS calls).</summary>
    internal sealed class CmdletOperationLog : IOperationLog
    {
        private readonly PatternCmdlet cmdlet;

        public CmdletOperationLog(PatternCmdlet cmdlet) => this.cmdlet = cmdlet;

        public void Verbose(string message) => cmdlet.WriteVerboseLine(message);
        public void Debug(string message) => cmdlet.WriteDebug(message);
        public void Warning(string message) => cmdlet.WriteWarning(message);
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
    }
}
