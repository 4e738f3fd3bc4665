using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Floating IP. The node taking an address over may associate Elastic IPs and assign secondary private IPs, and do
    /// nothing else: it cannot allocate or release addresses, nor disassociate one (a move is a reassociation).
    /// </summary>
    internal static class FloatingIpPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "FloatingIp",
            "Floating IP: move an Elastic IP or a secondary private IP to the standby node, and verify it.",
            Move());

        private static RoleDefinition Move() => new RoleDefinition(
            "FloatingIp",
            "The cluster node taking a floating address over (Move-FloatingIp, Get-FloatingIp): reassociates Elastic IPs and " +
            "reassigns secondary private IPs; it cannot allocate, release or disassociate addresses.",
            Allow("DescribeForFloatingIp")
                .Actions(
                    "ec2:DescribeAddresses",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeInstanceAttribute", // Cloud DI of a target named by -InstanceId (its user data)
                    "ec2:DescribeTags",              // Cloud DI on a node whose instance-metadata tags are off
                    "ec2:DescribeRegions")
                .On(Ec2Arns.Any), // Describe* actions support no resource-level permissions
            // AssociateAddress authorizes on the Elastic IP, the interface and (when attached) the instance.
            Allow("ReassociateElasticIps")
                .Actions("ec2:AssociateAddress")
                .On(Ec2Arns.ElasticIp, Ec2Arns.NetworkInterface, Ec2Arns.Instance),
            Allow("ReassignSecondaryPrivateIps")
                .Actions("ec2:AssignPrivateIpAddresses")
                .On(Ec2Arns.NetworkInterface));
    }
}
