namespace CloudDesignPatterns.Model.FloatingIp
{
    /// <summary>
    /// One Move-FloatingIp: the address, where it was, where it is now (read back) and what happened. InstanceId and
    /// NetworkInterfaceId are the new holder, so the result binds to the next cmdlet that targets that node.
    /// </summary>
    public sealed class FloatingIpMoveResult
    {
        public string Region { get; set; } = "";
        public FloatingIpKind Kind { get; set; }
        public string? AllocationId { get; set; }
        public string? PublicIp { get; set; }
        /// <summary>Secondary private IP: the address moved.</summary>
        public string? PrivateIp { get; set; }
        /// <summary>Elastic IP: the private address of the target it maps to.</summary>
        public string? PrivateIpAddress { get; set; }
        public string? PreviousInstanceId { get; set; }
        public string? PreviousNetworkInterfaceId { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        /// <summary>Elastic IP: the association id read back.</summary>
        public string? AssociationId { get; set; }
        public FloatingIpOutcome Outcome { get; set; }
        /// <summary>-Self: whether this instance's metadata showed the address before the timeout; null when not waited for.</summary>
        public bool? MetadataConfirmed { get; set; }
        public long ElapsedMs { get; set; }
        /// <summary>Why it failed (Outcome Failed).</summary>
        public string? Error { get; set; }

        public override string ToString() => $"{AllocationId ?? PrivateIp} -> {NetworkInterfaceId} ({Outcome})";
    }
}
