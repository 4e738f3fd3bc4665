using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// What one Remove-PatternSnapshot call names in one region. Without a keep rule, <see cref="SetIds"/> are deleted.
    /// With one, the scope only names groups: explicit groups (from piped sets), instances (every policy of each, or
    /// only <see cref="Policy"/>), or, with neither, every instance that has sets of <see cref="Policy"/>.
    /// </summary>
    public sealed class RotationScope
    {
        public IReadOnlyList<string>? SetIds { get; set; }
        public IReadOnlyList<RotationGroupKey>? Groups { get; set; }
        public IReadOnlyList<string>? InstanceIds { get; set; }
        public string? Policy { get; set; }
    }
}
