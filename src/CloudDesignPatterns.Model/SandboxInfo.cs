using System;

namespace CloudDesignPatterns.Model
{
    /// <summary>A running sandbox: where it listens and what it pretends to be.</summary>
    public sealed class SandboxInfo
    {
        public string EndpointUrl { get; set; } = "";
        public int Port { get; set; }
        /// <summary>The process that serves it: this PowerShell process, or one started with -AsProcess.</summary>
        public int ProcessId { get; set; }
        public bool InProcess { get; set; }
        public string Region { get; set; } = "";
        public string CurrentInstanceId { get; set; } = "";
        public DateTime StartedAt { get; set; }
        public override string ToString() => EndpointUrl;
    }
}
