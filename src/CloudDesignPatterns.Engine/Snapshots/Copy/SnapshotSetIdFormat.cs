using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Snapshots.Copy
{
    /// <summary>Set ids as SnapshotTags.NewSetId makes them: "ss-" and 16 lower-case hex characters. Checked before any call.</summary>
    public static class SnapshotSetIdFormat
    {
        private static readonly Regex Shape = new Regex("^ss-[0-9a-f]{16}$", RegexOptions.CultureInvariant);

        public static string Require(string? setId, string parameterName)
        {
            if (setId != null && Shape.IsMatch(setId)) return setId;
            throw new PatternException("InvalidSnapshotSetId", PatternErrorCategory.InvalidArgument,
                $"'{setId}' (parameter -{parameterName}) is not a snapshot set id: expected 'ss-' followed by 16 hexadecimal characters, as Get-PatternSnapshot shows.");
        }
    }
}
