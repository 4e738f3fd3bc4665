using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Diagnostics;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>Keeps every line so tests can assert what the verbose and debug streams said.</summary>
    internal sealed class RecordingLog : IOperationLog
    {
        private readonly List<string> verbose = new List<string>();
        private readonly List<string> debug = new List<string>();

        public IReadOnlyList<string> VerboseLines { get { lock (verbose) return verbose.ToList(); } }
        public IReadOnlyList<string> DebugLines { get { lock (debug) return debug.ToList(); } }

        public void Verbose(string message) { lock (verbose) verbose.Add(message); }
        public void Debug(string message) { lock (debug) debug.Add(message); }
        public void Warning(string message) { }
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
    }
}
