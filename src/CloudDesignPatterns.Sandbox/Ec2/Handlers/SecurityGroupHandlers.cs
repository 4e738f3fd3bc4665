using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>
    /// DescribeSecurityGroups, CreateSecurityGroup, DeleteSecurityGroup, Authorize/RevokeSecurityGroupIngress,
    /// UpdateSecurityGroupRuleDescriptionsIngress.
    /// </summary>
    internal static class SecurityGroupHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeSecurityGroups"] = DescribeSecurityGroups;
            map["CreateSecurityGroup"] = CreateSecurityGroup;
            map["DeleteSecurityGroup"] = DeleteSecurityGroup;
            map["AuthorizeSecurityGroupIngress"] = AuthorizeIngress;
            map["RevokeSecurityGroupIngress"] = RevokeIngress;
            map["UpdateSecurityGroupRuleDescriptionsIngress"] = UpdateIngressDescriptions;
            SecurityGroupRuleHandlers.Register(map);
        }

        private static readonly FilterSpec<SecurityGroupRecord> Spec = new FilterSpec<SecurityGroupRecord>
        {
            ["group-id"] = g => FilterSpec<SecurityGroupRecord>.One(g.Id),
            ["group-name"] = g => FilterSpec<SecurityGroupRecord>.One(g.GroupName),
            ["vpc-id"] = g => FilterSpec<SecurityGroupRecord>.One(g.VpcId),
            ["description"] = g => FilterSpec<SecurityGroupRecord>.One(g.Description),
            ["ip-permission.cidr"] = g => g.Ingress.Select(r => r.CidrIp),
            ["ip-permission.ipv6-cidr"] = g => g.Ingress.Select(r => r.CidrIpv6),
            ["ip-permission.prefix-list-id"] = g => g.Ingress.Select(r => r.PrefixListId),
            ["ip-permission.group-id"] = g => g.Ingress.Select(r => r.SourceGroupId),
            ["ip-permission.protocol"] = g => g.Ingress.Select(r => r.Protocol),
            ["ip-permission.from-port"] = g => g.Ingress.Select(r => r.FromPort?.ToString()),
            ["ip-permission.to-port"] = g => g.Ingress.Select(r => r.ToPort?.ToString()),
        };

        private static IEnumerable<object?> DescribeSecurityGroups(Ec2Context ctx)
        {
            var groups = Lookup.RequestedOrAll(IdKind.SecurityGroup, ctx.Region.SecurityGroups, ctx.P.List("GroupId"));
            var names = ctx.P.List("GroupName");
            foreach (var name in names)
                if (groups.All(g => g.GroupName != name))
                    throw new SandboxServiceException("InvalidGroup.NotFound", $"The security group '{name}' does not exist in default VPC");
            Ec2ActionPolicy.Describe(ctx.Auth);
            var named = names.Count == 0 ? groups : groups.Where(g => names.Contains(g.GroupName)).ToList();
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(named, Spec), ctx.P);
            yield return Set("securityGroupInfo", page, g => FirewallRoutingXml.SecurityGroup(g, ctx.Region.Name, ctx.Account));
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> CreateSecurityGroup(Ec2Context ctx)
        {
            var name = ctx.P.Required("GroupName");
            var description = ctx.P.Required("GroupDescription");
            var vpc = ctx.P.Get("VpcId") is string vpcId ? IdKind.Vpc.Find(ctx.Region.Vpcs, vpcId)
                : ctx.Region.Vpcs.Values.FirstOrDefault() ?? throw new SandboxServiceException("VPCIdNotSpecified", "No default VPC for this user");
            if (name.StartsWith("sg-"))
                throw new SandboxServiceException("InvalidParameterValue", "Group names may not be in the format sg-*.");
            if (ctx.Region.SecurityGroups.Values.Any(g => g.VpcId == vpc.Id && g.GroupName == name))
                throw new SandboxServiceException("InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpc.Id}'");
            var tags = Tagging.ForResourceType(ctx.P, "security-group", "security-group");
            var id = ctx.Ids.New("sg");
            Ec2ActionPolicy.CreateSecurityGroup(ctx.Auth, id, vpc, tags);
            var group = new SecurityGroupRecord(id) { GroupName = name, Description = description, VpcId = vpc.Id };
            group.Egress.Add(new PermissionRule { Protocol = "-1", CidrIp = "0.0.0.0/0" });
            Tagging.Apply(group.Tags, tags);
            ctx.Region.SecurityGroups[id] = group;
            yield return E("return", "true");
            yield return E("groupId", id);
            yield return group.Tags.Count > 0 ? TagSet(group.Tags) : null;
            yield return E("securityGroupArn", $"arn:aws:ec2:{ctx.Region.Name}:{ctx.Account}:security-group/{id}");
        }

        private static SecurityGroupRecord FindGroup(Ec2Context ctx)
        {
            if (ctx.P.Get("GroupId") is string id) return IdKind.SecurityGroup.Find(ctx.Region.SecurityGroups, id);
            var name = ctx.P.Required("GroupName");
            return ctx.Region.SecurityGroups.Values.FirstOrDefault(g => g.GroupName == name)
                ?? throw new SandboxServiceException("InvalidGroup.NotFound", $"The security group '{name}' does not exist in default VPC");
        }

        private static IEnumerable<object?> DeleteSecurityGroup(Ec2Context ctx)
        {
            var group = FindGroup(ctx);
            if (group.GroupName == "default")
                throw new SandboxServiceException("CannotDelete", $"the specified group: \"{group.Id}\" name: \"default\" cannot be deleted by a user");
            ctx.SettleInstances();
            // A VPC group still in use answers DependencyViolation; one named by GroupName (the default-VPC, EC2-Classic
            // style of the call) answers InvalidGroup.InUse, as the older API did.
            if (SecurityGroupUsage.HeldBy(ctx.Region, group) is string holder)
                throw ctx.P.Get("GroupId") == null
                    ? new SandboxServiceException("InvalidGroup.InUse", $"Group {group.Id} is used by {holder}")
                    : new SandboxServiceException("DependencyViolation", $"resource {group.Id} has a dependent object");
            Ec2ActionPolicy.SecurityGroup(ctx.Auth, group);
            ctx.Region.SecurityGroups.Remove(group.Id);
            yield return E("return", "true");
            yield return E("groupId", group.Id);
        }

        private static IEnumerable<object?> AuthorizeIngress(Ec2Context ctx)
        {
            var group = FindGroup(ctx);
            var requested = PermissionParser.Read(ctx.P);
            foreach (var rule in requested)
            {
                if (rule.SourceGroupId != null) IdKind.SecurityGroup.Find(ctx.Region.SecurityGroups, rule.SourceGroupId);
                if (PermissionParser.Contains(group.Ingress, rule) || requested.Count(rule.SameRule) > 1)
                    throw new SandboxServiceException("InvalidPermission.Duplicate",
                        $"the specified rule \"{PermissionParser.Describe(rule)}\" already exists");
            }
            SecurityGroupLimits.CheckRules(group, requested.Count);
            var tags = Tagging.ForResourceType(ctx.P, "security-group-rule", "security-group-rule");
            var rules = requested.Select(r => r.WithId(ctx.Ids.New("sgr"))).ToList();
            Ec2ActionPolicy.AuthorizeIngress(ctx.Auth, group, rules.Select(r => r.Id), tags);
            foreach (var rule in rules) Tagging.Apply(rule.Tags, tags);
            group.Ingress.AddRange(rules);
            yield return E("return", "true");
            yield return Set("securityGroupRuleSet", rules, r => FirewallRoutingXml.SecurityGroupRule(group, r, false, ctx.Region.Name, ctx.Account));
        }

        /// <summary>By permission (IpPermissions.N, the flat form) or by rule id (SecurityGroupRuleId.N); all or nothing.</summary>
        private static IEnumerable<object?> RevokeIngress(Ec2Context ctx)
        {
            var group = FindGroup(ctx);
            var ruleIds = ctx.P.List("SecurityGroupRuleId");
            List<PermissionRule> doomed;
            if (ruleIds.Count > 0)
            {
                doomed = new List<PermissionRule>();
                foreach (var id in ruleIds) doomed.Add(IngressRule(group, id));
            }
            else
            {
                var rules = PermissionParser.Read(ctx.P);
                if (rules.Any(rule => !PermissionParser.Contains(group.Ingress, rule))) throw PermissionNotFound();
                doomed = group.Ingress.Where(r => rules.Any(r.SameRule)).ToList();
            }
            Ec2ActionPolicy.SecurityGroup(ctx.Auth, group);
            group.Ingress.RemoveAll(doomed.Contains);
            yield return E("return", "true");
        }

        /// <summary>
        /// By rule id (SecurityGroupRuleDescription.N.SecurityGroupRuleId / .Description) or by permission
        /// (IpPermissions.N, each source's Description); ingress rules only, all or nothing. A missing Description
        /// removes the rule's description, as AWS does.
        /// </summary>
        private static IEnumerable<object?> UpdateIngressDescriptions(Ec2Context ctx)
        {
            var group = FindGroup(ctx);
            var byId = ctx.P.Structs("SecurityGroupRuleDescription");
            var changes = byId.Count > 0
                ? byId.Select(d => (Rule: IngressRule(group, d.Required("SecurityGroupRuleId")), Description: d.Get("Description"))).ToList()
                : PermissionParser.Read(ctx.P)
                    .Select(p => (Rule: group.Ingress.FirstOrDefault(p.SameRule) ?? throw PermissionNotFound(), p.Description)).ToList();
            Ec2ActionPolicy.SecurityGroup(ctx.Auth, group);
            foreach (var (rule, description) in changes) rule.Description = description;
            yield return E("return", "true");
        }

        private static PermissionRule IngressRule(SecurityGroupRecord group, string ruleId)
        {
            IdKind.SecurityGroupRule.CheckFormat(ruleId);
            return group.Ingress.FirstOrDefault(r => r.Id == ruleId)
                ?? throw new SandboxServiceException("InvalidSecurityGroupRuleId.NotFound",
                    $"The security group rule ID '{ruleId}' does not exist in security group '{group.Id}'");
        }

        private static SandboxServiceException PermissionNotFound() =>
            new SandboxServiceException("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    }
}
