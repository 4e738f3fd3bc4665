using System;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// One base condition operator (no set qualifier, no IfExists): how a single request value compares with a single
    /// policy value. A negated operator (StringNotEquals, ArnNotLike…) is stored as the positive comparison plus
    /// <see cref="Negated"/>, because IAM evaluates several policy values of a negated operator as NOR, not as OR.
    /// </summary>
    internal sealed class ConditionOperator
    {
        public ConditionOperator(string name, bool negated, Func<string, string, bool> matches, Func<string, bool> isValidPolicyValue, string valueDescription)
        {
            Name = name;
            Negated = negated;
            Matches = matches;
            IsValidPolicyValue = isValidPolicyValue;
            ValueDescription = valueDescription;
        }

        public string Name { get; }
        public bool Negated { get; }
        /// <summary>(request value, policy value) → does the positive form match?</summary>
        public Func<string, string, bool> Matches { get; }
        public Func<string, bool> IsValidPolicyValue { get; }
        /// <summary>Used in parse errors, e.g. "a number".</summary>
        public string ValueDescription { get; }
    }
}
