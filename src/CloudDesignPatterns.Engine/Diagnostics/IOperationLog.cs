namespace CloudDesignPatterns.Engine.Diagnostics
{
    /// <summary>
    /// How the engine talks to whoever runs it (a cmdlet, a test) without knowing PowerShell.
    /// Implementations must be thread-safe: calls arrive from thread-pool threads.
    /// </summary>
    public interface IOperationLog
    {
        /// <summary>One line per AWS call: action, target, milliseconds, attempt.</summary>
        void Verbose(string message);
        /// <summary>Where each setting came from, decisions taken.</summary>
        void Debug(string message);
        void Warning(string message);
        /// <summary>Progress of something that waits. percent is 0..100, or -1 when unknown; completed closes the bar.</summary>
        void Progress(int activityId, string activity, string status, int percent, bool completed = false);
    }

    /// <summary>A log that discards everything (tests, completers).</summary>
    public sealed class NullOperationLog : IOperationLog
    {
        public static readonly NullOperationLog Instance = new NullOperationLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
    }
}
