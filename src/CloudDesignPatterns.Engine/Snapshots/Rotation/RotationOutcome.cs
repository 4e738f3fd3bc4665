using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>One set's result and, when it failed, the error to report on its own item.</summary>
    public sealed class RotationOutcome
    {
        public RotationOutcome(SnapshotRemoval result, PatternException? error = null)
        {
            Result = result;
            Error = error;
        }

        public SnapshotRemoval Result { get; }
        public PatternException? Error { get; }

        public static RotationOutcome Of(RotationItem item, SnapshotRemovalAction action, string reason, PatternException? error = null)
            => new RotationOutcome(new SnapshotRemoval
            {
                SetId = item.Set.SetId,
                InstanceId = item.Set.InstanceId,
                Region = item.Set.Region,
                Policy = item.Set.Policy,
                Action = action,
                Reason = reason,
                ImageId = item.Set.ImageId,
                SnapshotIds = item.Set.Snapshots.Select(s => s.SnapshotId).ToArray(),
                CreatedAt = item.Set.CreatedAt,
            }, error);

        /// <summary>What the plan alone says about an item that is not removed.</summary>
        public static RotationOutcome FromPlan(RotationItem item)
            => Of(item, item.Decision == RotationDecision.Skip ? SnapshotRemovalAction.Skipped : SnapshotRemovalAction.Kept, item.Reason);
    }
}
