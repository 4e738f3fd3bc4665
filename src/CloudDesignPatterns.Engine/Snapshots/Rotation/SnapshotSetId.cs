using System;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>Checks a set id the user typed ("ss-" and 16 hex characters, as <see cref="SnapshotTags.NewSetId"/> makes them).</summary>
    public static class SnapshotSetId
    {
        private static readonly Regex Shape = new Regex("^ss-[0-9a-f]{16}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? id) => id != null && Shape.IsMatch(id);

        /// <exception cref="ArgumentException">Not a set id.</exception>
        public static string Require(string? id, string parameterName)
        {
            if (!IsValid(id))
                throw new ArgumentException($"'{id}' is not a snapshot set id (ss- followed by 16 lowercase hexadecimal characters, as Get-PatternSnapshot shows).", parameterName);
            return id!;
        }
    }
}
