using System;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>Generations are counted per instance, policy and region: a DR copy rotates in its own region.</summary>
    public readonly struct RotationGroupKey : IEquatable<RotationGroupKey>
    {
        public RotationGroupKey(string region, string instanceId, string policy)
        {
            Region = region;
            InstanceId = instanceId;
            Policy = policy;
        }

        public string Region { get; }
        public string InstanceId { get; }
        public string Policy { get; }

        public static RotationGroupKey Of(SnapshotSet set) => new RotationGroupKey(set.Region, set.InstanceId, set.Policy);

        public bool Equals(RotationGroupKey other)
            => string.Equals(Region, other.Region, StringComparison.Ordinal) && string.Equals(InstanceId, other.InstanceId, StringComparison.Ordinal)
               && string.Equals(Policy, other.Policy, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is RotationGroupKey other && Equals(other);
        public override int GetHashCode() => ((Region?.GetHashCode() ?? 0) * 397 ^ (InstanceId?.GetHashCode() ?? 0)) * 397 ^ (Policy?.GetHashCode() ?? 0);
        public override string ToString() => $"{Region}/{InstanceId}/{Policy}";
    }
}
