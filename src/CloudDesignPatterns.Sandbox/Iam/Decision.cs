namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>The outcome of evaluating identity-based policies for one request.</summary>
    public enum Decision
    {
        /// <summary>At least one Allow statement matched and no Deny statement did.</summary>
        Allow,
        /// <summary>No statement matched: IAM denies by default.</summary>
        ImplicitDeny,
        /// <summary>A Deny statement matched; it overrides every Allow.</summary>
        ExplicitDeny,
    }
}
