using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// Decides one condition clause against a request context, following the IAM User Guide:
    /// <list type="bullet">
    /// <item>"If the key that you specify in a policy condition is not present in the request context, the values do not
    /// match and the condition is false. If the policy condition requires that the key is not matched, such as
    /// StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This logic applies to all
    /// condition operators except ...IfExists and Null check."
    /// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html, "Important" box)</item>
    /// <item>Several values for one key are ORed; for a negated operator they are NORed
    /// (reference_policies_multi-value-conditions.html, "Evaluation logic for multiple context keys or values").</item>
    /// <item>"The ForAllValues set operator also returns true if there are no context keys in the request"
    /// (reference_policies_condition_examples-multi-valued-context-keys.html); ForAnyValue then returns false.</item>
    /// </list>
    /// A key whose value list is empty counts as absent.
    /// </summary>
    internal static class ConditionEvaluator
    {
        public static bool AllHold(IReadOnlyList<ConditionClause> clauses, IReadOnlyDictionary<string, IReadOnlyList<string>> context) =>
            clauses.All(c => Holds(c, context));

        public static bool Holds(ConditionClause clause, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
        {
            context.TryGetValue(clause.Key, out var requestValues);
            var present = requestValues != null && requestValues.Count > 0;

            if (clause.Operator == ConditionOperators.Null)
            {
                // Null:true asks "is the key absent?", Null:false asks "is it present?"; several values OR.
                return clause.Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) ? !present : present);
            }

            if (!ConditionOperators.TryGet(clause.Operator, out var op))
            {
                // The parser rejects unknown operators; a hand-built clause with one never matches rather than granting access.
                return false;
            }

            // With a set operator, IfExists changes nothing: ForAllValues already holds and ForAnyValue already fails on an
            // absent key, and each present value is tested on its own.
            switch (clause.SetOperator)
            {
                case SetOperator.ForAllValues:
                    return !present || requestValues!.All(v => SingleValueHolds(op, v, clause.Values));
                case SetOperator.ForAnyValue:
                    return present && requestValues!.Any(v => SingleValueHolds(op, v, clause.Values));
                default:
                    if (!present) return clause.IfExists || op.Negated;
                    var anyMatch = requestValues!.Any(v => clause.Values.Any(p => op.Matches(v, p)));
                    return op.Negated ? !anyMatch : anyMatch;
            }
        }

        private static bool SingleValueHolds(ConditionOperator op, string requestValue, IReadOnlyList<string> policyValues)
        {
            var anyMatch = policyValues.Any(p => op.Matches(requestValue, p));
            return op.Negated ? !anyMatch : anyMatch;
        }
    }
}
