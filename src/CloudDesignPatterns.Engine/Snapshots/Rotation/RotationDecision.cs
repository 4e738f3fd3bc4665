namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>What the plan does with one set.</summary>
    public enum RotationDecision
    {
        Keep,
        Remove,
        /// <summary>Outside the keep rules (or named for deletion) but protected by a safety rule; the user is warned.</summary>
        Skip,
    }
}
