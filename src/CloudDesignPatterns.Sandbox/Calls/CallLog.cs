using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Sandbox.Calls
{
    /// <summary>Bounded, thread-safe record of the calls the sandbox answered; the oldest are forgotten first.</summary>
    internal sealed class CallLog
    {
        private readonly object _gate = new object();
        private readonly Queue<SandboxCall> _calls = new Queue<SandboxCall>();
        private readonly int _capacity;
        private long _lastSequence;

        public CallLog(int capacity) => _capacity = capacity < 1 ? 1 : capacity;

        /// <summary>Assigns the next sequence number and stores the call.</summary>
        public void Record(SandboxCall call)
        {
            lock (_gate)
            {
                call.Sequence = ++_lastSequence;
                _calls.Enqueue(call);
                while (_calls.Count > _capacity) _calls.Dequeue();
            }
        }

        public IReadOnlyList<SandboxCall> After(long afterSequence)
        {
            lock (_gate) return _calls.Where(c => c.Sequence > afterSequence).ToList();
        }

        /// <summary>Forgets the calls but keeps counting, so "after N" cursors held by clients stay meaningful.</summary>
        public void Clear()
        {
            lock (_gate) _calls.Clear();
        }
    }
}
