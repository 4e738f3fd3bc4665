namespace CloudDesignPatterns.Engine.Completion
{
    /// <summary>The ids an operator types, for argument completion.</summary>
    public enum CompletionKind
    {
        Instance,
        Volume,
        SnapshotSet,
        RouteTable,
        NetworkInterface,
        ElasticIp,
        SecurityGroup,
        /// <summary>Snapshot policy names: those on managed snapshots and images, and instances' Cloud DI tag.</summary>
        SnapshotPolicy,
    }

    /// <summary>One completion: the id and a short description for the tooltip (its Name tag, state…).</summary>
    public sealed class ResourceCandidate
    {
        public ResourceCandidate(string id, string description) { Id = id; Description = description; }
        public string Id { get; }
        public string Description { get; }
    }
}
