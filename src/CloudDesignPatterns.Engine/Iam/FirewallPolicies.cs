using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Engine.OnDemandIngress;
using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Operational Firewall and On-demand Firewall. The administrator changes only groups this module created (tagged
    /// managed-by at creation); on-demand ingress changes only groups opted in with cdp:ondemand:enabled=true, and tags
    /// only the rules it created.
    /// </summary>
    internal static class FirewallPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Firewall",
            "Operational Firewall (one declared, converged security group per team) and On-demand Firewall (time-limited ingress grants).",
            Administrator(),
            OnDemandIngress());

        private static RoleDefinition Administrator() => new RoleDefinition(
            "FirewallAdministrator",
            "Set-, Test- and Get-OperationalFirewall: creates team groups tagged as managed, authorizes and revokes rules and " +
            "sets their descriptions only on managed groups, and sets the groups of instance interfaces.",
            Allow("DescribeForFirewall")
                .Actions("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:DescribeRegions", "ec2:DescribeTags")
                .On(Ec2Arns.Any),
            Allow("CreateManagedTeamGroup")
                .Actions("ec2:CreateSecurityGroup")
                .On(Ec2Arns.SecurityGroup)
                .WhenCreatedAsManaged(),
            Allow("CreateGroupInVpc")
                .Actions("ec2:CreateSecurityGroup")
                .On(Ec2Arns.Vpc),
            Allow("ChangeRulesOfManagedGroups")
                .Actions("ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
                    "ec2:ModifySecurityGroupRules")
                .On(Ec2Arns.SecurityGroup)
                .WhenResourceManaged(),
            Allow("CreateManagedRules")
                .Actions("ec2:AuthorizeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroupRule)
                .WhenCreatedAsManaged(),
            Allow("SetInterfaceGroups")
                .Actions("ec2:ModifyNetworkInterfaceAttribute")
                .On(Ec2Arns.NetworkInterface, Ec2Arns.SecurityGroup),
            Allow("TagOnlyWhenCreating")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.SecurityGroup, Ec2Arns.SecurityGroupRule)
                .WhenTaggingOnCreate("CreateSecurityGroup", "AuthorizeSecurityGroupIngress"));

        private static RoleDefinition OnDemandIngress() => new RoleDefinition(
            "OnDemandIngress",
            "Grant-, Revoke- and Get-OnDemandIngress: adds and revokes ingress rules only on groups tagged cdp:ondemand:enabled=true, " +
            "and writes grant tags only on rules this module created.",
            Allow("DescribeForOnDemandIngress")
                .Actions("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeRegions")
                .On(Ec2Arns.Any),
            // A grant without -Grantee records the caller as STS names them.
            Allow("WhoAmI")
                .Actions("sts:GetCallerIdentity")
                .On(Ec2Arns.Any),
            Allow("ChangeRulesOfEnabledGroups")
                .Actions("ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroup)
                .When(ConditionKeys.StringEquals, "aws:ResourceTag/" + GrantTags.EnabledKey, "true"),
            Allow("CreateManagedGrantRules")
                .Actions("ec2:AuthorizeSecurityGroupIngress")
                .On(Ec2Arns.SecurityGroupRule)
                .WhenCreatedAsManaged(),
            Allow("TagGrantRulesOnCreate")
                .Actions("ec2:CreateTags")
                .On(Ec2Arns.SecurityGroupRule)
                .WhenTaggingOnCreate("AuthorizeSecurityGroupIngress"),
            Allow("RecordGrantsOnManagedRules")
                .Actions("ec2:CreateTags", "ec2:DeleteTags")
                .On(Ec2Arns.SecurityGroupRule)
                .WhenResourceManaged());
    }
}
