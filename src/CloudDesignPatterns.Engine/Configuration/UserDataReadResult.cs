using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>What <see cref="UserDataReader"/> found in an instance's user data.</summary>
    public sealed class UserDataReadResult
    {
        public UserDataReadResult(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> warnings, IReadOnlyList<string> forms)
        {
            Settings = settings;
            Warnings = warnings;
            Forms = forms;
        }

        /// <summary>Canonical key (cdp:pattern:setting) → raw value text; arrays are joined with ",".
        /// Not validated against the catalog: that is the resolver's job.</summary>
        public IReadOnlyDictionary<string, string> Settings { get; }

        /// <summary>Duplicates, malformed keys and undecodable content, in the order they were met.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The layers that were unwrapped or read, in order (for example "base64", "gzip", "mime", "script"),
        /// so -Debug can show how the user data was understood.</summary>
        public IReadOnlyList<string> Forms { get; }
    }
}
