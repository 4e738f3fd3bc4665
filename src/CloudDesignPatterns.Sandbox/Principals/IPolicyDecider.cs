using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Principals
{
    /// <summary>
    /// Decides one IAM request against a principal's identity policies. The sandbox's IAM evaluator plugs in here
    /// through a one-line adapter (Allow → true, ImplicitDeny/ExplicitDeny → false).
    /// </summary>
    public interface IPolicyDecider
    {
        /// <param name="principalPolicies">The principal's identity-based policy documents (JSON).</param>
        /// <param name="action">For example "ec2:CreateSnapshots".</param>
        /// <param name="resource">Resource ARN, or "*".</param>
        /// <param name="conditionKeys">Condition context, e.g. "aws:ResourceTag/cdp:managed-by" → ["snapshot"].</param>
        bool Decide(IReadOnlyList<string> principalPolicies, string action, string resource,
                    IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys);
    }

    /// <summary>Allows everything: the default until a real evaluator is plugged in.</summary>
    public sealed class AllowAllPolicyDecider : IPolicyDecider
    {
        public static readonly AllowAllPolicyDecider Instance = new AllowAllPolicyDecider();
        private AllowAllPolicyDecider() { }

        public bool Decide(IReadOnlyList<string> principalPolicies, string action, string resource,
                           IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys) => true;
    }
}
