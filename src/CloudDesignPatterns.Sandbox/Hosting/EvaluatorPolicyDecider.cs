using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Iam;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox.Hosting
{
    /// <summary>Plugs the IAM evaluator into the server: only an explicit Allow with no explicit Deny lets a call through.</summary>
    internal sealed class EvaluatorPolicyDecider : IPolicyDecider
    {
        // Policies are registered once and evaluated on every call: parse each document once.
        private readonly ConcurrentDictionary<string, PolicyDocument> parsed = new ConcurrentDictionary<string, PolicyDocument>();

        public bool Decide(IReadOnlyList<string> principalPolicies, string action, string resource,
            IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys)
        {
            var documents = principalPolicies.Select(json => parsed.GetOrAdd(json, PolicyDocument.Parse)).ToList();
            return PolicyEvaluator.Evaluate(documents, new AuthorizationRequest(action, resource, conditionKeys)) == Decision.Allow;
        }
    }
}
