namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>The optional qualifier in front of a condition operator, for multivalued context keys.</summary>
    public enum SetOperator
    {
        /// <summary>No qualifier: the key is treated as single-valued.</summary>
        None,
        /// <summary>ForAllValues: every value in the request must satisfy the operator; true when the key is absent or empty.</summary>
        ForAllValues,
        /// <summary>ForAnyValue: at least one value in the request must satisfy the operator; false when the key is absent or empty.</summary>
        ForAnyValue,
    }
}
