using System;

namespace CloudDesignPatterns.Engine.Platform
{
    /// <summary>Reads environment variables; replaceable in tests so resolution is tested without touching the process.</summary>
    public class EnvironmentReader
    {
        public static readonly EnvironmentReader Process = new EnvironmentReader();

        public virtual string? Get(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        public bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);
    }
}
