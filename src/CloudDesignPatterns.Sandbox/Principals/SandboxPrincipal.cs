using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Principals
{
    /// <summary>Who an access key belongs to, and the policies to enforce (null = no enforcement).</summary>
    public sealed class SandboxPrincipal
    {
        public SandboxPrincipal(string accessKeyId, string arn, string account, string userId, string? secretAccessKey,
                                IReadOnlyList<string>? policies)
        {
            AccessKeyId = accessKeyId; Arn = arn; Account = account; UserId = userId;
            SecretAccessKey = secretAccessKey; Policies = policies;
        }

        public string AccessKeyId { get; }
        public string Arn { get; }
        public string Account { get; }
        public string UserId { get; }
        public string? SecretAccessKey { get; }
        /// <summary>Identity policies to enforce; null means the principal is not checked at all.</summary>
        public IReadOnlyList<string>? Policies { get; }
        public bool IsEnforced => Policies != null;
    }
}
