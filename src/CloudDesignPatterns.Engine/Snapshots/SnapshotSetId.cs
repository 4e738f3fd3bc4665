using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>Checks a set id the user typed ("ss-" and 16 hex characters, as <see cref="SnapshotTags.NewSetId"/> makes them), before any call.</summary>
    public static class SnapshotSetId
    {
        private static readonly Regex Shape = new Regex("^ss-[0-9a-f]{16}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? id) => id != null && Shape.IsMatch(id);

        /// <exception cref="PatternException">InvalidSnapshotSetId, category InvalidArgument.</exception>
        public static string Require(string? id, string parameterName)
        {
            if (!IsValid(id))
                throw new PatternException("InvalidSnapshotSetId", PatternErrorCategory.InvalidArgument,
                    $"'{id}' (parameter -{parameterName}) is not a snapshot set id: expected 'ss-' followed by 16 lowercase hexadecimal characters, as Get-PatternSnapshot shows.");
            return id!;
        }
    }
}
