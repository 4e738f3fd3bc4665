using System;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>The sandbox's notion of now, injectable so token expiry and throttling refill are testable.</summary>
    public interface ISandboxClock
    {
        DateTime UtcNow { get; }
    }

    public sealed class SystemSandboxClock : ISandboxClock
    {
        public static readonly SystemSandboxClock Instance = new SystemSandboxClock();
        private SystemSandboxClock() { }
        public DateTime UtcNow => DateTime.UtcNow;
    }
}
