using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// IAM's evaluation logic for identity-based policies within one account: an explicit Deny in any statement wins;
    /// otherwise any matching Allow allows; otherwise the request is implicitly denied. (No resource-based policies,
    /// permission boundaries, SCPs or session policies: the sandbox enforces only the policies it is given.)
    /// </summary>
    public static class PolicyEvaluator
    {
        public static Decision Evaluate(IReadOnlyList<PolicyDocument> policies, AuthorizationRequest request) =>
            Explain(policies, request).Decision;

        public static EvaluationResult Explain(IReadOnlyList<PolicyDocument> policies, AuthorizationRequest request)
        {
            if (policies is null) throw new ArgumentNullException(nameof(policies));
            if (request is null) throw new ArgumentNullException(nameof(request));

            PolicyStatement? firstAllow = null;
            foreach (var statement in policies.SelectMany(p => p.Statements))
            {
                if (!Applies(statement, request)) continue;
                if (statement.Effect == StatementEffect.Deny) return new EvaluationResult(Decision.ExplicitDeny, statement);
                firstAllow ??= statement;
            }
            return firstAllow is null
                ? new EvaluationResult(Decision.ImplicitDeny, null)
                : new EvaluationResult(Decision.Allow, firstAllow);
        }

        /// <summary>Does the statement cover this request (action, resource and every condition)?</summary>
        public static bool Applies(PolicyStatement statement, AuthorizationRequest request) =>
            MatchesAction(statement, request.Action)
            && MatchesResource(statement, request.Resource)
            && ConditionEvaluator.AllHold(statement.Conditions, request.Context);

        private static bool MatchesAction(PolicyStatement statement, string action)
        {
            // Action names are case-insensitive ("EC2:describeinstances" is ec2:DescribeInstances).
            bool Listed(IReadOnlyList<string> patterns) => patterns.Any(p => WildcardMatcher.IsMatch(p, action, ignoreCase: true));
            return statement.Actions != null ? Listed(statement.Actions) : !Listed(statement.NotActions!);
        }

        private static bool MatchesResource(PolicyStatement statement, string resource)
        {
            // ARNs are case-sensitive.
            bool Listed(IReadOnlyList<string> patterns) => patterns.Any(p => ArnMatcher.IsMatch(p, resource));
            return statement.Resources != null ? Listed(statement.Resources) : !Listed(statement.NotResources!);
        }
    }
}
