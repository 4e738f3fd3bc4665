using System;
using System.IO;
using System.Text.Json;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>
    /// The AWS CLI (botocore) is a stricter second parser of the same XML. CI installs it; without it these fail.
    /// </summary>
    public sealed class AwsCliTests : IDisposable
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();
        private readonly LoopbackEc2Server _server;

        public AwsCliTests() { _server = new LoopbackEc2Server(_ec2.Service, _ec2.Authorizer); }

        public void Dispose() => _server.Dispose();

        private (int Exit, string Out, string Err) Aws(params string[] args) => AwsCli.Run(_server.Url, SandboxSeed.Region, args);

        /// <summary>One test, few invocations: each CLI start costs seconds.</summary>
        [Fact]
        public void Cli_parses_instances_snapshot_sets_route_tables_and_error_codes()
        {
            var (exit, stdout, stderr) = Aws("ec2", "describe-instances", "--instance-ids", SandboxSeed.Web1);
            Assert.True(exit == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var web1 = doc.RootElement.GetProperty("Reservations")[0].GetProperty("Instances")[0];
            Assert.Equal("running", web1.GetProperty("State").GetProperty("Name").GetString());
            Assert.Equal(SandboxSeed.Web1Eni, web1.GetProperty("NetworkInterfaces")[0].GetProperty("NetworkInterfaceId").GetString());

            var snap = Aws("ec2", "create-snapshots", "--instance-specification", "InstanceId=" + SandboxSeed.Web1,
                "--tag-specifications", "ResourceType=snapshot,Tags=[{Key=cdp:set,Value=x}]");
            Assert.True(snap.Exit == 0, snap.Err);
            var snapshots = JsonDocument.Parse(snap.Out).RootElement.GetProperty("Snapshots");
            Assert.Equal(2, snapshots.GetArrayLength());
            Assert.Equal("pending", snapshots[0].GetProperty("State").GetString());

            var routes = Aws("ec2", "describe-route-tables");
            Assert.True(routes.Exit == 0, routes.Err);
            Assert.Equal(2, JsonDocument.Parse(routes.Out).RootElement.GetProperty("RouteTables").GetArrayLength());

            var missing = Aws("ec2", "describe-volumes", "--volume-ids", "vol-0000000000000000f");
            Assert.NotEqual(0, missing.Exit);
            Assert.Contains("InvalidVolume.NotFound", missing.Err);
        }

        /// <summary>The calls a routing failover makes, as the AWS CLI sends them (aws-vpc-move-ip uses these).</summary>
        [Fact]
        public void Cli_turns_source_dest_check_off_and_replaces_a_route()
        {
            var off = Aws("ec2", "modify-network-interface-attribute", "--network-interface-id", SandboxSeed.Web2Eni, "--no-source-dest-check");
            Assert.True(off.Exit == 0, off.Err);
            var check = Aws("ec2", "describe-network-interface-attribute", "--network-interface-id", SandboxSeed.Web2Eni, "--attribute", "sourceDestCheck");
            Assert.True(check.Exit == 0, check.Err);
            Assert.False(JsonDocument.Parse(check.Out).RootElement.GetProperty("SourceDestCheck").GetProperty("Value").GetBoolean());

            _ec2.Call("CreateRoute", ("RouteTableId", SandboxSeed.MainRouteTableId), ("DestinationCidrBlock", "100.64.0.10/32"), ("InstanceId", SandboxSeed.Web1));
            var replaced = Aws("ec2", "replace-route", "--route-table-id", SandboxSeed.MainRouteTableId, "--destination-cidr-block", "100.64.0.10/32",
                "--instance-id", SandboxSeed.Web2);
            Assert.True(replaced.Exit == 0, replaced.Err);
            var tables = Aws("ec2", "describe-route-tables", "--filters", "Name=route.destination-cidr-block,Values=100.64.0.10/32");
            Assert.True(tables.Exit == 0, tables.Err);
            var table = JsonDocument.Parse(tables.Out).RootElement.GetProperty("RouteTables");
            Assert.Equal(1, table.GetArrayLength());
            foreach (var route in table[0].GetProperty("Routes").EnumerateArray())
            {
                if (route.GetProperty("DestinationCidrBlock").GetString() != "100.64.0.10/32") continue;
                Assert.Equal(SandboxSeed.Web2, route.GetProperty("InstanceId").GetString());
                Assert.Equal(SandboxSeed.Web2Eni, route.GetProperty("NetworkInterfaceId").GetString());
                Assert.Equal("active", route.GetProperty("State").GetString());
            }
        }

        /// <summary>The call Set-OperationalFirewall makes for a drifted rule description, as botocore serializes it.</summary>
        [Fact]
        public void Cli_updates_an_ingress_rule_description_by_rule_id()
        {
            var ruleId = Ec2Harness.Child(Ec2Harness.Items(_ec2.Call("AuthorizeSecurityGroupIngress", ("GroupId", SandboxSeed.OpsSecurityGroupId),
                ("IpPermissions.1.IpProtocol", "tcp"), ("IpPermissions.1.FromPort", "5000"), ("IpPermissions.1.ToPort", "5000"),
                ("IpPermissions.1.IpRanges.1.CidrIp", "198.51.100.0/24"), ("IpPermissions.1.IpRanges.1.Description", "old")), "securityGroupRuleSet")[0],
                "securityGroupRuleId")!;
            var updated = Aws("ec2", "update-security-group-rule-descriptions-ingress", "--group-id", SandboxSeed.OpsSecurityGroupId,
                "--security-group-rule-descriptions", $"SecurityGroupRuleId={ruleId},Description=asked by alice");
            Assert.True(updated.Exit == 0, updated.Err);
            Assert.True(JsonDocument.Parse(updated.Out).RootElement.GetProperty("Return").GetBoolean());
            var described = Ec2Harness.Items(_ec2.Call("DescribeSecurityGroupRules", ("SecurityGroupRuleId.1", ruleId)), "securityGroupRuleSet")[0];
            Assert.Equal("asked by alice", Ec2Harness.Child(described, "description"));
        }
    }
}
