namespace CloudDesignPatterns.Model.Bastion
{
    /// <summary>What Stop-OnDemandBastion did with one request: its instance terminated, then its group deleted.</summary>
    public sealed class BastionRemoval
    {
        public string RequestId { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>The bastion instance that was terminated; null when the request was never started.</summary>
        public string? InstanceId { get; set; }
        /// <summary>True when a read-back found the instance terminated (or there was none).</summary>
        public bool InstanceTerminated { get; set; }
        /// <summary>True when a read-back no longer found the security group.</summary>
        public bool GroupDeleted { get; set; }
        /// <summary>Why it was stopped: "requested" or "expired".</summary>
        public string Reason { get; set; } = "";

        public override string ToString() => $"{RequestId} removed";
    }
}
