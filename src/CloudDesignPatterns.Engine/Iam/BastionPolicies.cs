using System.Linq;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Tagging;
using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// The On-demand Bastion pattern split by duty. A requester can only create a closed request carrying the request
    /// tags (never the approval ones); only an approver can write the approval tags, and only on a pending request; the
    /// operator can open, launch into and delete only groups that are this module's bastion requests, launch only with
    /// IMDSv2 required, and terminate only this module's bastion instances. Tag-key conditions (aws:TagKeys with
    /// ForAllValues) are what keep each role to its own tags.
    /// </summary>
    internal static class BastionPolicies
    {
        private const string Vpc = "arn:aws:ec2:*:*:vpc/*";
        private const string ForAllValuesStringEquals = "ForAllValues:StringEquals";
        private const string ResourceTag = "aws:ResourceTag/";
        private const string RequestTag = "aws:RequestTag/";

        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Bastion",
            "On-demand bastions: requested, approved by someone else, open only to the requester's address for a bounded time, gone at expiry.",
            Requester(),
            Approver(),
            Operator());

        private static RoleDefinition Requester() => new RoleDefinition(
            "BastionRequester",
            "Request-OnDemandBastion and Get-OnDemandBastion: creates a request (a security group with no ingress) tagged with the " +
            "request tags only, in state requested. It cannot approve, open, launch or delete anything.",
            Allow("ReadRequests")
                .Actions("ec2:DescribeSecurityGroups")
                .On(Ec2Arns.Any),
            Allow("WhoAmI")
                .Actions("sts:GetCallerIdentity")
                .On(Ec2Arns.Any),
            Allow("CreateRequestInVpc")
                .Actions("ec2:CreateSecurityGroup")
                .On(Vpc),
            Allow("CreateRequestGroupAsRequested")
                .Actions("ec2:CreateSecurityGroup")
                .On(Ec2Arns.SecurityGroup)
                .WhenCreatedAsManaged()
                .When(ConditionKeys.StringEquals, RequestTag + BastionTags.State, BastionTags.StateRequested)
                .When(ForAllValuesStringEquals, "aws:TagKeys", BastionTags.RequestKeys.ToArray()),
            Allow("TagRequestOnlyWhenCreating")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.SecurityGroup)
                .WhenTaggingOnCreate("CreateSecurityGroup")
                .When(ConditionKeys.StringEquals, RequestTag + BastionTags.State, BastionTags.StateRequested)
                .When(ForAllValuesStringEquals, "aws:TagKeys", BastionTags.RequestKeys.ToArray()));

        private static RoleDefinition Approver() => new RoleDefinition(
            "BastionApprover",
            "Approve-OnDemandBastion: writes the approval tags (state approved, approver, approved-at) on a pending request of this " +
            "module, and nothing else. The cmdlet refuses when the approver is the requester.",
            Allow("ReadRequests")
                .Actions("ec2:DescribeSecurityGroups")
                .On(Ec2Arns.Any),
            Allow("WhoAmI")
                .Actions("sts:GetCallerIdentity")
                .On(Ec2Arns.Any),
            Allow("WriteApprovalOnPendingRequest")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When(ConditionKeys.StringEquals, ResourceTag + BastionTags.State, BastionTags.StateRequested)
                .When(ConditionKeys.StringEquals, RequestTag + BastionTags.State, BastionTags.StateApproved)
                .When(ForAllValuesStringEquals, "aws:TagKeys", BastionTags.ApprovalKeys.ToArray()));

        private static RoleDefinition Operator() => new RoleDefinition(
            "BastionOperator",
            "Start-OnDemandBastion and Stop-OnDemandBastion (also -Expired as a scheduled sweep): opens and launches into approved " +
            "requests only, with IMDSv2 required; terminates and deletes only this module's bastions.",
            Allow("DescribeForBastions")
                .Actions(
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeInstances",
                    "ec2:DescribeInstanceAttribute",
                    "ec2:DescribeImages",
                    "ec2:DescribeTags")
                .On(Ec2Arns.Any),
            Allow("OpenApprovedRequestOnly")
                .Actions("ec2:AuthorizeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When(ConditionKeys.StringEquals, ResourceTag + BastionTags.State, BastionTags.StateApproved),
            // EC2 also authorizes the rule being created (security-group-rule); the group statement above is what limits it.
            Allow("CreateTheOpenedRule")
                .Actions("ec2:AuthorizeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroupRule),
            // Start-OnDemandBastion closes the rule again when the launch fails; the request is still approved then.
            Allow("CloseApprovedRequestAfterFailedLaunch")
                .Actions("ec2:RevokeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When(ConditionKeys.StringEquals, ResourceTag + BastionTags.State, BastionTags.StateApproved),
            Allow("LaunchIntoApprovedRequestOnly")
                .Actions("ec2:RunInstances")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When(ConditionKeys.StringEquals, ResourceTag + BastionTags.State, BastionTags.StateApproved),
            Allow("LaunchManagedBastionWithImdsV2")
                .Actions("ec2:RunInstances")
                .On(Ec2Arns.Instance)
                .WhenCreatedAsManaged()
                .When(ConditionKeys.StringEquals, "ec2:MetadataHttpTokens", "required"),
            Allow("LaunchResources")
                .Actions("ec2:RunInstances")
                .On(Ec2Arns.Image, Ec2Arns.Subnet, Ec2Arns.NetworkInterface, Ec2Arns.Volume),
            Allow("TagBastionOnlyWhenLaunching")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.Instance)
                .WhenTaggingOnCreate("RunInstances"),
            Allow("MarkApprovedRequestActive")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When(ConditionKeys.StringEquals, ResourceTag + BastionTags.State, BastionTags.StateApproved)
                .When(ConditionKeys.StringEquals, RequestTag + BastionTags.State, BastionTags.StateActive)
                .When(ForAllValuesStringEquals, "aws:TagKeys", BastionTags.StartKeys.ToArray()),
            Allow("TerminateBastionsOnly")
                .Actions("ec2:TerminateInstances")
                .On(Ec2Arns.Instance)
                .WhenResourceManaged()
                .When("Null", ResourceTag + BastionTags.RequestId, "false"),
            Allow("DeleteBastionRequestsOnly")
                .Actions("ec2:DeleteSecurityGroup")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged()
                .When("Null", ResourceTag + BastionTags.State, "false"));
    }
}
