using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>What a restore created (null when nothing was) and what failed on the way, item by item.</summary>
    public sealed class RestoreOutcome
    {
        public RestoreOutcome(RestoreResult? result, IReadOnlyList<PatternException> errors)
        {
            Result = result;
            Errors = errors;
        }

        public RestoreResult? Result { get; }
        public IReadOnlyList<PatternException> Errors { get; }
    }
}
