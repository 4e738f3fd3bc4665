using System;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// The keep rules. With both, a set is removed when it falls outside EITHER rule (it is beyond the Nth completed
    /// generation, or older than the age limit): each rule is a limit, and the stricter one wins. The newest completed
    /// set is kept whatever the rules say, so a rotation can never leave a group without a usable backup.
    /// </summary>
    public sealed class RotationRules
    {
        public RotationRules(int? keepGenerations, TimeSpan? olderThan)
        {
            if (keepGenerations.HasValue && keepGenerations.Value < 1)
                throw new PatternException("InvalidKeepGenerations", PatternErrorCategory.InvalidArgument,
                    $"-KeepGenerations must be 1 or more (got {keepGenerations.Value}); the newest completed set is always kept.");
            if (olderThan.HasValue && olderThan.Value <= TimeSpan.Zero)
                throw new PatternException("InvalidOlderThan", PatternErrorCategory.InvalidArgument,
                    $"-OlderThan must be a positive duration (got {olderThan.Value}).");
            KeepGenerations = keepGenerations;
            OlderThan = olderThan;
        }

        public int? KeepGenerations { get; }
        public TimeSpan? OlderThan { get; }

        /// <summary>False: no rule, the sets given are deleted as named.</summary>
        public bool IsRotation => KeepGenerations.HasValue || OlderThan.HasValue;

        public override string ToString()
            => string.Join(" and ", new[]
            {
                KeepGenerations.HasValue ? $"keep {KeepGenerations} generation(s)" : null,
                OlderThan.HasValue ? "remove older than " + OlderThan.Value.ToString("c", CultureInfo.InvariantCulture) : null,
            }.Where(s => s != null));
    }
}
