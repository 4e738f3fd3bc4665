using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// DNS failover with Route 53. Route 53 has no tag conditions, so the policy is narrowed by name instead:
    /// Get-PatternIamPolicy -HostedZoneId puts the zone's ARN in place of hostedzone/*, and -RecordName limits
    /// ChangeResourceRecordSets to those names (route53:ChangeResourceRecordSetsNormalizedRecordNames). Without them
    /// the policy covers every zone: narrow it before you attach it.
    /// </summary>
    internal static class Route53Policies
    {
        public static PatternDefinition Pattern { get; } = Build(PolicyScope.Any);

        public static PatternDefinition Build(PolicyScope scope) => new PatternDefinition(
            "Route53Failover",
            "DNS failover with Route 53: a PRIMARY/SECONDARY record pair guarded by a health check, or one record switched between two sides.",
            Failover(scope),
            Monitor(scope)) { Scoped = Build };

        private static string ZoneArn(PolicyScope scope) => "arn:aws:route53:::hostedzone/" + (scope.HostedZoneId ?? "*");

        private static RoleDefinition Failover(PolicyScope scope)
        {
            var change = Allow("ChangeOnlyTheFailoverRecords")
                .Actions("route53:ChangeResourceRecordSets")
                .On(ZoneArn(scope))
                .When("ForAllValues:StringEquals", "route53:ChangeResourceRecordSetsRecordTypes", "A", "AAAA", "CNAME");
            if (scope.RecordNames.Count > 0)
                change.When("ForAllValues:StringEquals", "route53:ChangeResourceRecordSetsNormalizedRecordNames", System.Linq.Enumerable.ToArray(scope.RecordNames));
            return new RoleDefinition(
                "Route53Failover",
                "The node or operator that sets a name's failover up or switches it (Set-Route53Failover): changes A, AAAA and CNAME " +
                "records of the hosted zone (of the named records only, with -RecordName), creates and reads health checks.",
                // ListHostedZonesByName and CreateHealthCheck support no resource-level permissions.
                Allow("FindZoneAndCreateHealthCheck")
                    .Actions("route53:ListHostedZonesByName", "route53:CreateHealthCheck")
                    .On("*"),
                Allow("ReadTheZone")
                    .Actions("route53:GetHostedZone", "route53:ListResourceRecordSets")
                    .On(ZoneArn(scope)),
                change,
                Allow("FollowTheChange")
                    .Actions("route53:GetChange")
                    .On("arn:aws:route53:::change/*"),
                Allow("ReadHealthChecks")
                    .Actions("route53:GetHealthCheck", "route53:GetHealthCheckStatus")
                    .On("arn:aws:route53:::healthcheck/*"),
                CloudDiOnTheInstance());
        }

        private static RoleDefinition Monitor(PolicyScope scope) => new RoleDefinition(
            "Route53Monitor",
            "Dashboards and runbooks (Get-Route53Failover): reads the zone's records and the health checks' status, changes nothing.",
            Allow("FindZone")
                .Actions("route53:ListHostedZonesByName")
                .On("*"),
            Allow("ReadTheZone")
                .Actions("route53:GetHostedZone", "route53:ListResourceRecordSets")
                .On(ZoneArn(scope)),
            Allow("ReadHealthChecks")
                .Actions("route53:GetHealthCheck", "route53:GetHealthCheckStatus")
                .On("arn:aws:route53:::healthcheck/*"),
            CloudDiOnTheInstance());

        /// <summary>-Self where instance-metadata tags are off: the instance's cdp:dns:* tags through EC2 (Describe* has no resource-level permission).</summary>
        private static StatementDefinition CloudDiOnTheInstance() =>
            Allow("CloudDiOnTheInstance")
                .Actions("ec2:DescribeTags", "ec2:DescribeRegions")
                .On(Ec2Arns.Any);
    }
}
