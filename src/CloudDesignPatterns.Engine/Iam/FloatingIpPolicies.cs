using CloudDesignPatterns.Engine.Tagging;
using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Floating IP. The node taking an address over may move only Elastic IPs tagged cdp:floating-ip:failover=enabled
    /// (AssociateAddress authorizes on the Elastic IP and its tags), so a compromised node cannot take any other public
    /// address of the account, and may reassign secondary private IPs. It cannot allocate, release or disassociate.
    /// </summary>
    internal static class FloatingIpPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "FloatingIp",
            "Floating IP: move an Elastic IP or a secondary private IP to the standby node, and verify it.",
            Move());

        private static RoleDefinition Move() => new RoleDefinition(
            "FloatingIp",
            "The cluster node taking a floating address over (Move-FloatingIp, Get-FloatingIp): reassociates Elastic IPs tagged " +
            ManagedTags.FloatingIpKey + "=" + ManagedTags.FloatingIpValue + " to its interfaces and reassigns secondary private IPs; " +
            "it cannot allocate, release or disassociate addresses.",
            Allow("DescribeForFloatingIp")
                .Actions(
                    "ec2:DescribeAddresses",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeInstanceAttribute", // Cloud DI of a target named by -InstanceId (its user data)
                    "ec2:DescribeTags",              // Cloud DI on a node whose instance-metadata tags are off
                    "ec2:DescribeRegions")
                .On(Ec2Arns.Any), // Describe* actions support no resource-level permissions
            // AssociateAddress authorizes on the Elastic IP, the interface and (when attached) the instance: the address
            // must be tagged to float; the interface and instance it goes to need no tag (any node of the cluster).
            Allow("ReassociateTaggedElasticIps")
                .Actions("ec2:AssociateAddress")
                .On(Ec2Arns.ElasticIp)
                .When(ConditionKeys.StringEquals, "aws:ResourceTag/" + ManagedTags.FloatingIpKey, ManagedTags.FloatingIpValue),
            Allow("AssociateToInterfacesAndInstances")
                .Actions("ec2:AssociateAddress")
                .On(Ec2Arns.NetworkInterface, Ec2Arns.Instance),
            Allow("ReassignSecondaryPrivateIps")
                .Actions("ec2:AssignPrivateIpAddresses")
                .On(Ec2Arns.NetworkInterface));
    }
}
