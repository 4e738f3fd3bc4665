using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Platform;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>An environment made of a dictionary, so resolution order is tested without touching the process.</summary>
    internal sealed class FakeEnvironment : EnvironmentReader
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>(StringComparer.Ordinal);

        public FakeEnvironment Set(string name, string value)
        {
            values[name] = value;
            return this;
        }

        public override string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
    }
}
