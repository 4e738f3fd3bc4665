using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    internal static class IamTestHelpers
    {
        /// <summary>Wraps statement JSON (one object or several, comma-separated) in a policy document and parses it.</summary>
        public static PolicyDocument Policy(string statements) =>
            PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");

        public static AuthorizationRequest Request(string action, string resource = "*") => new AuthorizationRequest(action, resource);

        public static Decision Decide(PolicyDocument policy, AuthorizationRequest request) =>
            PolicyEvaluator.Evaluate(new List<PolicyDocument> { policy }, request);

        /// <summary>Evaluates an Allow-everything statement guarded by one Condition block, so the result says whether the condition held.</summary>
        public static bool ConditionHolds(string conditionJson, AuthorizationRequest request)
        {
            var policy = Policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":" + conditionJson + "}");
            return Decide(policy, request) == Decision.Allow;
        }
    }
}
