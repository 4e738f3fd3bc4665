using System.Collections.Generic;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    /// <summary>Evaluates requests against one published catalog policy, parsed exactly as the sandbox would parse it.</summary>
    internal sealed class CatalogScenario
    {
        public const string Instance = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0";
        public const string Volume = "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0";
        public const string Snapshot = "arn:aws:ec2:eu-west-1::snapshot/snap-0123456789abcdef0";
        public const string Image = "arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0";
        public const string Subnet = "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0123";
        public const string SecurityGroup = "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123";
        public const string NetworkInterface = "arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0123";
        public const string KeyPair = "arn:aws:ec2:eu-west-1:123456789012:key-pair/ops";

        private readonly IReadOnlyList<PolicyDocument> _policies;

        public CatalogScenario(string pattern, string? role)
        {
            _policies = new[] { PolicyDocument.Parse(PolicyCatalog.Get(pattern, role).Json) };
        }

        public Decision Decide(string action, string resource = "*") => Decide(new AuthorizationRequest(action, resource));

        public Decision Decide(AuthorizationRequest request) => PolicyEvaluator.Evaluate(_policies, request);

        public string? SidFor(AuthorizationRequest request) => PolicyEvaluator.Explain(_policies, request).MatchedSid;

        public static AuthorizationRequest Creating(string action, string resource) =>
            new AuthorizationRequest(action, resource).With("aws:RequestTag/" + ManagedTags.ManagedByKey, ManagedTags.ManagedByValue);

        public static AuthorizationRequest OnManaged(string action, string resource) =>
            new AuthorizationRequest(action, resource).With("aws:ResourceTag/" + ManagedTags.ManagedByKey, ManagedTags.ManagedByValue);

        public static AuthorizationRequest TaggingDuring(string createAction, string resource) =>
            new AuthorizationRequest("ec2:CreateTags", resource).With("ec2:CreateAction", createAction);
    }
}
