using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>Rule ids, tags, revoke by id and AWS's quota errors of the sandbox's security groups.</summary>
    public class SecurityGroupRuleTests
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();

        private static (string, string)[] Rule(int port, string cidr = "198.51.100.0/24") => new[]
        {
            ("GroupId", SandboxSeed.OpsSecurityGroupId), ("IpPermissions.1.IpProtocol", "tcp"), ("IpPermissions.1.FromPort", port.ToString()),
            ("IpPermissions.1.ToPort", port.ToString()), ("IpPermissions.1.IpRanges.1.CidrIp", cidr), ("IpPermissions.1.IpRanges.1.Description", "d"),
        };

        [Fact]
        public void Authorize_returns_rule_ids_tagged_at_creation_and_revoke_by_id_removes_one()
        {
            var answer = _ec2.Call("AuthorizeSecurityGroupIngress", Rule(5000).Concat(new[]
            {
                ("TagSpecification.1.ResourceType", "security-group-rule"), ("TagSpecification.1.Tag.1.Key", "k"), ("TagSpecification.1.Tag.1.Value", "v"),
            }).ToArray());
            var ruleId = Child(Items(answer, "securityGroupRuleSet").Single(), "securityGroupRuleId")!;
            Assert.Matches("^sgr-[0-9a-f]{17}$", ruleId);
            var described = Items(_ec2.Call("DescribeSecurityGroupRules", ("SecurityGroupRuleId.1", ruleId)), "securityGroupRuleSet").Single();
            Assert.Equal("d", Child(described, "description"));
            Assert.Equal("198.51.100.0/24", Child(described, "cidrIpv4"));
            _ec2.Call("CreateTags", ("ResourceId.1", ruleId), ("Tag.1.Key", "k2"), ("Tag.1.Value", "v2"));
            Assert.Equal(2, Items(_ec2.Call("DescribeSecurityGroupRules", ("Filter.1.Name", "tag-key"), ("Filter.1.Value.1", "k2")), "securityGroupRuleSet")
                .Concat(Items(_ec2.Call("DescribeSecurityGroupRules", ("Filter.1.Name", "tag:k"), ("Filter.1.Value.1", "v")), "securityGroupRuleSet")).Count());
            Assert.Equal("InvalidPermission.Duplicate", _ec2.Fails("AuthorizeSecurityGroupIngress", Rule(5000)).Code);
            _ec2.Call("RevokeSecurityGroupIngress", ("GroupId", SandboxSeed.OpsSecurityGroupId), ("SecurityGroupRuleId.1", ruleId));
            Assert.Equal("InvalidSecurityGroupRuleId.NotFound",
                _ec2.Fails("RevokeSecurityGroupIngress", ("GroupId", SandboxSeed.OpsSecurityGroupId), ("SecurityGroupRuleId.1", ruleId)).Code);
            Assert.Equal("InvalidPermission.NotFound", _ec2.Fails("RevokeSecurityGroupIngress", Rule(5000)).Code);
        }

        private string Description(string ruleId) =>
            Child(Items(_ec2.Call("DescribeSecurityGroupRules", ("SecurityGroupRuleId.1", ruleId)), "securityGroupRuleSet").Single(), "description")!;

        [Fact]
        public void Update_rule_descriptions_ingress_by_rule_id_or_by_permission_authorized_on_the_group()
        {
            var ruleId = Child(Items(_ec2.Call("AuthorizeSecurityGroupIngress", Rule(5000)), "securityGroupRuleSet").Single(), "securityGroupRuleId")!;
            _ec2.Authorizer.Calls.Clear();
            var answer = _ec2.Call("UpdateSecurityGroupRuleDescriptionsIngress", ("GroupId", SandboxSeed.OpsSecurityGroupId),
                ("SecurityGroupRuleDescription.1.SecurityGroupRuleId", ruleId), ("SecurityGroupRuleDescription.1.Description", "by id"));
            var auth = _ec2.Authorizer.Calls.Single();
            Assert.Equal("ec2:UpdateSecurityGroupRuleDescriptionsIngress", auth.Action);
            Assert.EndsWith(":security-group/" + SandboxSeed.OpsSecurityGroupId, auth.Arn);
            Assert.Equal("true", Child(answer, "return"));
            Assert.Equal("by id", Description(ruleId));

            var byPermission = Rule(5000).Select(p => p.Item1.EndsWith(".Description") ? (p.Item1, "by permission") : p).ToArray();
            _ec2.Call("UpdateSecurityGroupRuleDescriptionsIngress", byPermission);
            Assert.Equal("by permission", Description(ruleId));

            Assert.Equal("InvalidPermission.NotFound", _ec2.Fails("UpdateSecurityGroupRuleDescriptionsIngress", Rule(5001)).Code);
            Assert.Equal("InvalidSecurityGroupRuleId.NotFound", _ec2.Fails("UpdateSecurityGroupRuleDescriptionsIngress", ("GroupId", SandboxSeed.OpsSecurityGroupId),
                ("SecurityGroupRuleDescription.1.SecurityGroupRuleId", "sgr-0000000000000000f"), ("SecurityGroupRuleDescription.1.Description", "x")).Code);
            Assert.Equal("InvalidGroup.NotFound", _ec2.Fails("UpdateSecurityGroupRuleDescriptionsIngress", ("GroupId", "sg-0000000000000000f"),
                ("SecurityGroupRuleDescription.1.SecurityGroupRuleId", ruleId), ("SecurityGroupRuleDescription.1.Description", "x")).Code);
            Assert.Equal("by permission", Description(ruleId));
        }

        [Fact]
        public void A_malformed_cidr_is_refused()
        {
            Assert.Equal("InvalidParameterValue", _ec2.Fails("AuthorizeSecurityGroupIngress", Rule(22, "10.0.0.300/32")).Code);
        }

        [Fact]
        public void The_sixty_first_inbound_rule_is_over_the_quota()
        {
            for (var port = 1000; _ec2.Call("DescribeSecurityGroupRules", ("Filter.1.Name", "group-id"), ("Filter.1.Value.1", SandboxSeed.OpsSecurityGroupId))
                     .Descendants(Ns + "isEgress").Count(e => e.Value == "false") < 60; port++)
                _ec2.Call("AuthorizeSecurityGroupIngress", Rule(port));
            Assert.Equal("RulesPerSecurityGroupLimitExceeded", _ec2.Fails("AuthorizeSecurityGroupIngress", Rule(2000)).Code);
        }

        [Fact]
        public void An_interface_takes_at_most_five_groups()
        {
            var groups = Enumerable.Range(1, 6).Select(n => Child(_ec2.Call("CreateSecurityGroup", ("GroupName", $"g{n}"), ("GroupDescription", "g"),
                ("VpcId", SandboxSeed.VpcId)), "groupId")!).ToList();
            var tooMany = new[] { ("NetworkInterfaceId", SandboxSeed.Web1Eni) }.Concat(groups.Select((g, i) => ($"SecurityGroupId.{i + 1}", g))).ToArray();
            Assert.Equal("SecurityGroupsPerInterfaceLimitExceeded", _ec2.Fails("ModifyNetworkInterfaceAttribute", tooMany).Code);
            _ec2.Call("ModifyNetworkInterfaceAttribute", tooMany.Take(6).ToArray());
            var eni = Items(_ec2.Call("DescribeNetworkInterfaces", ("NetworkInterfaceId.1", SandboxSeed.Web1Eni)), "networkInterfaceSet").Single();
            Assert.Equal(5, Items(eni, "groupSet").Count);
        }
    }
}
