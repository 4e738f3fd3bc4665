namespace CloudDesignPatterns.Model.FloatingIp
{
    /// <summary>The two kinds of address a floating IP can be.</summary>
    public enum FloatingIpKind
    {
        /// <summary>An Elastic IP (public), moved with AssociateAddress.</summary>
        ElasticIp,
        /// <summary>A secondary private IP, moved with AssignPrivateIpAddresses; it can only move within its subnet.</summary>
        SecondaryPrivateIp,
    }

    /// <summary>What a move did, as read back after it.</summary>
    public enum FloatingIpOutcome
    {
        /// <summary>The address now sits on the target (read back).</summary>
        Moved,
        /// <summary>The address was already on the target: no change was sent.</summary>
        AlreadyCurrent,
        /// <summary>The move failed or the read-back does not show the address on the target.</summary>
        Failed,
    }
}
