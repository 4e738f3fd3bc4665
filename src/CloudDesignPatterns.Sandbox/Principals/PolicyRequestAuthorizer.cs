using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Principals
{
    /// <summary>
    /// The <see cref="IRequestAuthorizer"/> handed to EC2 handlers for one call: checks the caller's policies through
    /// the <see cref="IPolicyDecider"/> and answers like AWS when they do not allow the action.
    /// </summary>
    internal sealed class PolicyRequestAuthorizer : IRequestAuthorizer
    {
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoKeys = new Dictionary<string, IReadOnlyList<string>>();
        private readonly SandboxPrincipal _principal;
        private readonly string _region;
        private readonly IPolicyDecider _decider;

        public PolicyRequestAuthorizer(SandboxPrincipal principal, string region, IPolicyDecider decider)
        {
            _principal = principal; _region = region; _decider = decider;
        }

        public void Authorize(string action, string resourceArn, IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys)
        {
            if (_principal.Policies == null) return; // unregistered keys are not checked
            if (_decider.Decide(_principal.Policies, action, resourceArn, WithGlobalKeys(conditionKeys ?? NoKeys))) return;
            throw new SandboxServiceException(
                "UnauthorizedOperation",
                $"You are not authorized to perform this operation. User: {_principal.Arn} is not authorized to perform: {action} " +
                $"on resource: {resourceArn} because no identity-based policy allows the {action} action",
                403);
        }

        /// <summary>For a role session AWS reports the role's ARN, not the session's.</summary>
        private static string PrincipalArnOf(string arn)
        {
            var marker = arn.IndexOf(":assumed-role/", System.StringComparison.Ordinal);
            if (marker < 0) return arn;
            var account = arn.Split(':')[4];
            var role = arn.Substring(marker + ":assumed-role/".Length).Split('/')[0];
            return $"arn:aws:iam::{account}:role/{role}";
        }

        /// <summary>Adds the global condition keys AWS always supplies, unless the handler already set them.</summary>
        private IReadOnlyDictionary<string, IReadOnlyList<string>> WithGlobalKeys(IReadOnlyDictionary<string, IReadOnlyList<string>> keys)
        {
            var all = new Dictionary<string, IReadOnlyList<string>>(System.StringComparer.OrdinalIgnoreCase);
            all["aws:RequestedRegion"] = new[] { _region };
            all["aws:PrincipalArn"] = new[] { PrincipalArnOf(_principal.Arn) };
            all["aws:PrincipalAccount"] = new[] { _principal.Account };
            foreach (var pair in keys) all[pair.Key] = pair.Value;
            return all;
        }
    }
}
