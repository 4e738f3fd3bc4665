using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Routing;

namespace CloudDesignPatterns.Tests.Routing
{
    public class RoutingFailoverPlannerTests
    {
        private const string Vpc = "vpc-0a1b2c3d4e5f60001";
        private static readonly VirtualIp Vip = VirtualIp.Parse("100.64.0.10");

        private static TargetFacts Web1(bool sourceDestCheck = false, string? state = "running") => new TargetFacts
        {
            InstanceId = "i-0a1b2c3d4e5f60101", NetworkInterfaceId = "eni-0a1b2c3d4e5f60201", VpcId = Vpc,
            SourceDestCheck = sourceDestCheck, InstanceState = state,
        };

        private static RouteTableFacts Table(string id, string? eni, string state = "active", string vpc = Vpc) => new RouteTableFacts
        {
            RouteTableId = id, VpcId = vpc,
            Route = eni == null ? null : new RouteFacts { NetworkInterfaceId = eni, InstanceId = "i-x", State = state },
        };

        private static RoutingPreflight Facts(TargetFacts target, IEnumerable<RouteTableFacts> tables, params string[] blocks) => new RoutingPreflight
        {
            VirtualIp = Vip, Region = "ap-northeast-1", Target = target, Tables = tables.ToList(),
            Vpc = new VpcFacts { VpcId = Vpc, CidrBlocks = blocks.Length > 0 ? blocks : new[] { "10.0.0.0/16" } },
        };

        [Fact]
        public void Each_table_gets_the_action_its_route_needs()
        {
            var plan = RoutingFailoverPlanner.Plan(Facts(Web1(), new[]
            {
                Table("rtb-1", "eni-0a1b2c3d4e5f60202"),
                Table("rtb-2", "eni-0a1b2c3d4e5f60201"),
                Table("rtb-3", "eni-0a1b2c3d4e5f60201", state: "blackhole"),
                Table("rtb-4", null),
            }), createMissing: true);
            Assert.Equal(new[] { PlannedRouteAction.Replace, PlannedRouteAction.None, PlannedRouteAction.Replace, PlannedRouteAction.Create },
                plan.Tables.Select(t => t.Action));
            Assert.Equal("eni-0a1b2c3d4e5f60202", plan.Tables[0].Previous!.NetworkInterfaceId);
            Assert.True(plan.HasChanges);
            Assert.False(plan.DisableSourceDestCheck);
        }

        [Fact]
        public void A_missing_route_without_CreateMissing_refuses_that_table_only()
        {
            var plan = RoutingFailoverPlanner.Plan(Facts(Web1(), new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60202"), Table("rtb-2", null) }), createMissing: false);
            Assert.Equal(PlannedRouteAction.Replace, plan.Tables[0].Action);
            Assert.Equal(PlannedRouteAction.Refuse, plan.Tables[1].Action);
            Assert.Equal("RouteMissing", plan.Tables[1].RefusalId);
            Assert.Contains("-CreateMissing", plan.Tables[1].RefusalMessage);
        }

        [Fact]
        public void Nothing_to_change_when_every_table_points_at_the_target_and_the_check_is_off()
        {
            var plan = RoutingFailoverPlanner.Plan(Facts(Web1(), new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60201"), Table("rtb-2", "eni-0a1b2c3d4e5f60201") }), false);
            Assert.False(plan.HasChanges);
            Assert.All(plan.Tables, t => Assert.Equal(PlannedRouteAction.None, t.Action));
        }

        [Fact]
        public void Source_dest_check_on_is_planned_off_even_when_the_routes_are_current()
        {
            var plan = RoutingFailoverPlanner.Plan(Facts(Web1(sourceDestCheck: true), new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60201") }), false);
            Assert.True(plan.DisableSourceDestCheck);
            Assert.True(plan.HasChanges);
        }

        [Theory]
        [InlineData("100.64.0.10", "10.0.0.0/16", "100.64.0.0/10", "100.64.0.0/10")]
        [InlineData("100.64.0.10", "100.64.0.10/32", null, "100.64.0.10/32")]
        [InlineData("10.0.255.255", "10.0.0.0/16", null, "10.0.0.0/16")]
        public void A_virtual_ip_inside_any_vpc_block_is_refused(string vip, string primary, string? secondary, string named)
        {
            var facts = Facts(Web1(), new[] { Table("rtb-1", null) }, secondary == null ? new[] { primary } : new[] { primary, secondary });
            facts.VirtualIp = VirtualIp.Parse(vip);
            var error = Assert.Throws<PatternException>(() => RoutingFailoverPlanner.Plan(facts, true));
            Assert.Equal("VirtualIpInsideVpc", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.Contains(named, error.Message);
        }

        [Fact]
        public void A_virtual_ip_just_outside_the_block_is_accepted()
        {
            var facts = Facts(Web1(), new[] { Table("rtb-1", null) }, "10.0.0.0/16");
            facts.VirtualIp = VirtualIp.Parse("10.1.0.0");
            Assert.Single(RoutingFailoverPlanner.Plan(facts, true).Tables);
        }

        [Fact]
        public void A_table_of_another_vpc_refuses_the_whole_failover()
        {
            var error = Assert.Throws<PatternException>(() => RoutingFailoverPlanner.Plan(
                Facts(Web1(), new[] { Table("rtb-1", null), Table("rtb-2", null, vpc: "vpc-0a1b2c3d4e5f6000f") }), true));
            Assert.Equal("TargetInOtherVpc", error.ErrorId);
            Assert.Contains("rtb-2 (vpc-0a1b2c3d4e5f6000f)", error.Message);
        }

        [Theory]
        [InlineData("stopped", "TargetNotRunning")]
        [InlineData("terminated", "TargetNotRunning")]
        public void A_target_that_is_not_running_is_refused(string state, string errorId)
        {
            var error = Assert.Throws<PatternException>(() => RoutingFailoverPlanner.Plan(Facts(Web1(state: state), new[] { Table("rtb-1", null) }), true));
            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void A_detached_interface_and_no_table_at_all_are_refused()
        {
            var detached = Web1();
            detached.InstanceId = null;
            Assert.Equal("TargetNotAttached", Assert.Throws<PatternException>(() => RoutingFailoverPlanner.Plan(Facts(detached, new[] { Table("rtb-1", null) }), true)).ErrorId);
            var none = Assert.Throws<PatternException>(() => RoutingFailoverPlanner.Plan(Facts(Web1(), new RouteTableFacts[0]), true));
            Assert.Equal("NoRouteTableForVirtualIp", none.ErrorId);
            Assert.Contains("-RouteTableId", none.Message);
        }

        [Fact]
        public void WhatIf_text_names_the_new_and_the_old_target()
        {
            var plan = RoutingFailoverPlanner.Plan(Facts(Web1(), new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60202", "blackhole"), Table("rtb-2", null) }), true);
            Assert.Equal("Route 100.64.0.10/32 to eni-0a1b2c3d4e5f60201 (i-0a1b2c3d4e5f60101) (now eni-0a1b2c3d4e5f60202 (i-x), blackhole)",
                RoutingFailoverPlanner.Describe(plan, plan.Tables[0]));
            Assert.Equal("Create route 100.64.0.10/32 → eni-0a1b2c3d4e5f60201 (i-0a1b2c3d4e5f60101)", RoutingFailoverPlanner.Describe(plan, plan.Tables[1]));
        }

        [Fact]
        public void Test_verdict_needs_an_active_route_to_the_target_in_every_table()
        {
            var facts = Facts(Web1(), new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60201"), Table("rtb-2", "eni-0a1b2c3d4e5f60201", "blackhole") });
            var test = RoutingStatus.Evaluate(facts);
            Assert.False(test.Passed);
            Assert.Equal(new[] { "rtb-2" }, test.Mismatched);
            facts.Tables = new[] { Table("rtb-1", "eni-0a1b2c3d4e5f60201") };
            Assert.True(RoutingStatus.Evaluate(facts).Passed);
            facts.Tables = new RouteTableFacts[0];
            Assert.False(RoutingStatus.Evaluate(facts).Passed);
        }
    }

    public class VirtualIpTests
    {
        [Theory]
        [InlineData("100.64.0.10", "100.64.0.10")]
        [InlineData("100.64.0.10/32", "100.64.0.10")]
        [InlineData(" 192.0.2.1 ", "192.0.2.1")]
        public void Parses_an_address_or_a_slash_32(string text, string address)
        {
            var vip = VirtualIp.Parse(text);
            Assert.Equal(address, vip.Address);
            Assert.Equal(address + "/32", vip.Cidr);
        }

        [Theory]
        [InlineData("10.1")]
        [InlineData("010.0.0.1")]
        [InlineData("256.0.0.1")]
        [InlineData("100.64.0.0/24")]
        [InlineData("::1")]
        [InlineData("")]
        [InlineData(null)]
        public void Refuses_anything_else(string? text)
        {
            Assert.False(VirtualIp.TryParse(text, out _));
            Assert.Equal("InvalidVirtualIp", Assert.Throws<PatternException>(() => VirtualIp.Parse(text)).ErrorId);
        }
    }
}
