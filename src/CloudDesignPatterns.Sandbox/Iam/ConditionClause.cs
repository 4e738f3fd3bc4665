using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// One key test inside a Condition block, e.g. <c>"ForAnyValue:StringLike": { "aws:TagKeys": ["cdp:*"] }</c>
    /// becomes SetOperator=ForAnyValue, Operator="StringLike", Key="aws:TagKeys", Values=["cdp:*"].
    /// </summary>
    public sealed class ConditionClause
    {
        public ConditionClause(string operatorText, SetOperator setOperator, string baseOperator, bool ifExists, string key, IReadOnlyList<string> values)
        {
            OperatorText = operatorText;
            SetOperator = setOperator;
            Operator = baseOperator;
            IfExists = ifExists;
            Key = key;
            Values = values;
        }

        /// <summary>The operator as written in the policy, e.g. "ForAllValues:StringNotLikeIfExists".</summary>
        public string OperatorText { get; }
        public SetOperator SetOperator { get; }
        /// <summary>The operator without set qualifier and IfExists suffix, e.g. "StringNotLike".</summary>
        public string Operator { get; }
        public bool IfExists { get; }
        public string Key { get; }
        public IReadOnlyList<string> Values { get; }
    }
}
