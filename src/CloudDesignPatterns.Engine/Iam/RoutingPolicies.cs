using CloudDesignPatterns.Engine.Tagging;
using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Routing-based HA. The node that takes a virtual IP over may rewrite routes only in route tables tagged
    /// cdp:routing:failover=enabled (ReplaceRoute and CreateRoute authorize on the route table and its tags), so a
    /// compromised node cannot reroute the rest of the VPC. Monitoring gets a read-only role of its own.
    /// </summary>
    internal static class RoutingPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "RoutingFailover",
            "Routing-based HA: point a virtual IP (a /32 outside the VPC) at the healthy node by rewriting route tables, and verify it.",
            Failover(),
            Monitor());

        private static RoleDefinition Failover() => new RoleDefinition(
            "RoutingFailover",
            "The cluster node taking a virtual IP over (Set-RoutingFailover, usually from Pacemaker or keepalived): rewrites the " +
            "virtual IP's route in route tables tagged " + ManagedTags.RoutingFailoverKey + "=" + ManagedTags.RoutingFailoverValue +
            " and turns source/dest check off on its interface; it cannot touch any other route table.",
            Allow("DescribeForRoutingFailover")
                .Actions(
                    "ec2:DescribeRouteTables",
                    "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeVpcs",
                    "ec2:DescribeTags", // Cloud DI on a node whose instance-metadata tags are off
                    "ec2:DescribeRegions")
                .On(Ec2Arns.Any), // Describe* actions support no resource-level permissions
            Allow("SwitchOnlyTaggedRouteTables")
                .Actions("ec2:ReplaceRoute", "ec2:CreateRoute")
                .On(Ec2Arns.RouteTable)
                .When(ConditionKeys.StringEquals, "aws:ResourceTag/" + ManagedTags.RoutingFailoverKey, ManagedTags.RoutingFailoverValue),
            // EC2 cannot limit ModifyNetworkInterfaceAttribute to one attribute; it is the call that turns source/dest check off.
            Allow("TurnSourceDestCheckOff")
                .Actions("ec2:ModifyNetworkInterfaceAttribute")
                .On(Ec2Arns.NetworkInterface));

        private static RoleDefinition Monitor() => new RoleDefinition(
            "RoutingMonitor",
            "Health checks and dashboards (Get-RoutingFailover, Test-RoutingFailover, a Pacemaker monitor): reads route tables and " +
            "interfaces, changes nothing.",
            Allow("DescribeForRoutingMonitor")
                .Actions(
                    "ec2:DescribeRouteTables",
                    "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeTags",
                    "ec2:DescribeRegions")
                .On(Ec2Arns.Any));
    }
}
