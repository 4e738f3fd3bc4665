using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>
    /// AWS's default VPC quotas the sandbox enforces, with AWS's error codes: 60 inbound rules per security group and
    /// 5 security groups per network interface.
    /// </summary>
    internal static class SecurityGroupLimits
    {
        public const int InboundRulesPerGroup = 60;
        public const int GroupsPerInterface = 5;

        public static void CheckRules(SecurityGroupRecord group, int adding)
        {
            if (group.Ingress.Count + adding > InboundRulesPerGroup)
                throw new SandboxServiceException("RulesPerSecurityGroupLimitExceeded",
                    "The maximum number of rules per security group has been reached.");
        }

        public static void CheckGroups(int count)
        {
            if (count > GroupsPerInterface)
                throw new SandboxServiceException("SecurityGroupsPerInterfaceLimitExceeded",
                    "The maximum number of security groups per interface has been reached.");
        }
    }
}
