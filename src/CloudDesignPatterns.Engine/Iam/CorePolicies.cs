using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>What the module's read-only core cmdlets and argument completers call.</summary>
    internal static class CorePolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Core",
            "The read-only calls behind the metadata, configuration (Cloud DI) and session cmdlets and the argument completers.",
            new RoleDefinition(
                "Core",
                "Attach to an instance role or an operator's role so Get-PatternInstanceMetadata, Get-PatternConfiguration " +
                "and tab completion of ids work; it can read but never change anything.",
                Allow("DescribeForCoreCmdlets")
                    .Actions(
                        "ec2:DescribeInstances",
                        "ec2:DescribeTags",
                        "ec2:DescribeInstanceAttribute", // user data, read by Get-PatternConfiguration (Cloud DI)
                        "ec2:DescribeRegions",
                        "ec2:DescribeAvailabilityZones")
                    .On(Ec2Arns.Any), // Describe* actions support no resource-level permissions
                Allow("DescribeForArgumentCompleters")
                    .Actions(
                        "ec2:DescribeVolumes",
                        "ec2:DescribeSnapshots",
                        "ec2:DescribeImages",
                        "ec2:DescribeRouteTables",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeAddresses",
                        "ec2:DescribeSecurityGroups")
                    .On(Ec2Arns.Any),
                Allow("WhoAmI")
                    .Actions("sts:GetCallerIdentity")
                    .On(Ec2Arns.Any)));
    }
}
