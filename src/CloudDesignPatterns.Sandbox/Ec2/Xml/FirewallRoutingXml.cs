using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Xml
{
    /// <summary>RouteTable and SecurityGroup shapes.</summary>
    internal static class FirewallRoutingXml
    {
        public static object?[] RouteTable(RegionState region, RouteTableRecord t, string account) => new object?[]
        {
            E("routeTableId", t.Id),
            E("vpcId", t.VpcId),
            E("ownerId", account),
            Set("routeSet", t.Routes, r => new object?[]
            {
                E("destinationCidrBlock", r.DestinationCidrBlock),
                Opt("gatewayId", r.GatewayId),
                // AWS shows both the instance and its interface for an instance target.
                Opt("instanceId", r.InstanceId),
                r.InstanceId == null ? null : E("instanceOwnerId", account),
                Opt("networkInterfaceId", r.NetworkInterfaceId),
                // A route to a stopped or terminated instance (or a detached interface) is a blackhole, as in AWS.
                E("state", RouteStates.Of(region, r)),
                E("origin", r.Origin),
            }),
            Set("associationSet", Associations(t), a => a),
            E("propagatingVgwSet"),
            TagSet(t.Tags),
        };

        private static System.Collections.Generic.IEnumerable<object?[]> Associations(RouteTableRecord t)
        {
            var state = E("associationState", E("state", "associated"));
            if (t.Main && t.MainAssociationId != null)
                yield return new object?[] { E("routeTableAssociationId", t.MainAssociationId), E("routeTableId", t.Id), E("main", "true"), state };
            foreach (var a in t.SubnetAssociations)
                yield return new object?[] { E("routeTableAssociationId", a.Key), E("routeTableId", t.Id), E("subnetId", a.Value), E("main", "false"), state };
        }

        public static object?[] SecurityGroup(SecurityGroupRecord g, string region, string account) => new object?[]
        {
            E("ownerId", account),
            E("groupId", g.Id),
            E("groupName", g.GroupName),
            E("groupDescription", g.Description),
            E("vpcId", g.VpcId),
            Permissions("ipPermissions", g.Ingress, account),
            Permissions("ipPermissionsEgress", g.Egress, account),
            g.Tags.Count > 0 ? TagSet(g.Tags) : null,
            E("securityGroupArn", $"arn:aws:ec2:{region}:{account}:security-group/{g.Id}"),
        };

        /// <summary>Regroups flat rules into IpPermission items, one per protocol + port range, as AWS answers.</summary>
        public static Ec2Element Permissions(string name, System.Collections.Generic.IEnumerable<PermissionRule> rules, string account) =>
            Set(name, rules.GroupBy(r => (r.Protocol, r.FromPort, r.ToPort)), grp => new object?[]
            {
                E("ipProtocol", grp.Key.Protocol),
                Opt("fromPort", grp.Key.FromPort),
                Opt("toPort", grp.Key.ToPort),
                Set("groups", grp.Where(r => r.SourceGroupId != null), r => new object?[]
                    { E("userId", account), E("groupId", r.SourceGroupId), Opt("description", r.Description) }),
                Set("ipRanges", grp.Where(r => r.CidrIp != null), r => new object?[] { E("cidrIp", r.CidrIp), Opt("description", r.Description) }),
                Set("ipv6Ranges", grp.Where(r => r.CidrIpv6 != null), r => new object?[] { E("cidrIpv6", r.CidrIpv6), Opt("description", r.Description) }),
                Set("prefixListIds", grp.Where(r => r.PrefixListId != null), r => new object?[] { E("prefixListId", r.PrefixListId), Opt("description", r.Description) }),
            });

        /// <summary>One SecurityGroupRule item (DescribeSecurityGroupRules, AuthorizeSecurityGroupIngress's securityGroupRuleSet).</summary>
        public static object?[] SecurityGroupRule(SecurityGroupRecord g, PermissionRule r, bool egress, string region, string account) => new object?[]
        {
            E("securityGroupRuleId", r.Id),
            E("groupId", g.Id),
            E("groupOwnerId", account),
            E("isEgress", egress ? "true" : "false"),
            E("ipProtocol", r.Protocol),
            // AWS answers -1 for the ports of an all-protocols rule.
            E("fromPort", Int(r.FromPort ?? -1)),
            E("toPort", Int(r.ToPort ?? -1)),
            Opt("cidrIpv4", r.CidrIp),
            Opt("cidrIpv6", r.CidrIpv6),
            Opt("prefixListId", r.PrefixListId),
            r.SourceGroupId == null ? null : E("referencedGroupInfo", E("groupId", r.SourceGroupId), E("userId", account)),
            Opt("description", r.Description),
            TagSet(r.Tags),
            E("securityGroupRuleArn", $"arn:aws:ec2:{region}:{account}:security-group-rule/{r.Id}"),
        };
    }
}
