using CloudDesignPatterns.Engine.Tagging;
using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// GameDay: the faults a drill injects, on resources tagged cdp:gameday:target=enabled only, so a drill (or a typo in
    /// one) can stop, terminate or blackhole nothing else. The recovery runs under its own pattern's role (RoutingFailover,
    /// FloatingIp, Route53Failover, SnapshotRestore); the sandbox's API and metadata faults need no AWS permission.
    /// </summary>
    internal static class GameDayPolicies
    {
        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "GameDay",
            "GameDay drills: break a declared resource on purpose (Invoke-PatternGameDay) and put it back; the recovery has its own role.",
            Drill());

        private static RoleDefinition Drill() => new RoleDefinition(
            "GameDay",
            "The drill runner's faults: stops, starts and terminates instances and replaces routes in tables tagged " +
            ManagedTags.GameDayKey + "=" + ManagedTags.GameDayValue + "; reads instances, route tables and health checks.",
            Allow("DescribeForDrills")
                .Actions("ec2:DescribeInstances", "ec2:DescribeRouteTables", "ec2:DescribeRegions")
                .On(Ec2Arns.Any), // Describe* actions support no resource-level permissions
            Allow("BreakAndRestoreTaggedInstances")
                .Actions("ec2:StopInstances", "ec2:StartInstances", "ec2:TerminateInstances")
                .On(Ec2Arns.Instance)
                .When(ConditionKeys.StringEquals, "aws:ResourceTag/" + ManagedTags.GameDayKey, ManagedTags.GameDayValue),
            // ReplaceRoute authorizes on the table (tagged) and on the interface the route goes to (the blackhole's or the original's).
            Allow("BlackholeTaggedRouteTables")
                .Actions("ec2:ReplaceRoute")
                .On(Ec2Arns.RouteTable)
                .When(ConditionKeys.StringEquals, "aws:ResourceTag/" + ManagedTags.GameDayKey, ManagedTags.GameDayValue),
            Allow("RouteToInterfaces")
                .Actions("ec2:ReplaceRoute")
                .On(Ec2Arns.NetworkInterface),
            Allow("ReadHealthCheckSettings")
                .Actions("route53:GetHealthCheck")
                .On("arn:aws:route53:::healthcheck/*"));
    }
}
