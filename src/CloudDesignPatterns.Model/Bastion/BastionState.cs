namespace CloudDesignPatterns.Model.Bastion
{
    /// <summary>Where a bastion request is in its life: requested → approved → active → (expired) → gone.</summary>
    public enum BastionState
    {
        /// <summary>Asked for; nobody has approved it yet. Its security group has no ingress rule.</summary>
        Requested,
        /// <summary>Approved by someone other than the requester; not started yet.</summary>
        Approved,
        /// <summary>A bastion instance was launched and the group lets the requester's address in.</summary>
        Active,
        /// <summary>The window has passed: Stop-OnDemandBastion -Expired removes what is left.</summary>
        Expired,
    }
}
