using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.FloatingIp;
using CloudDesignPatterns.Model.FloatingIp;
using Xunit;

namespace CloudDesignPatterns.Tests.FloatingIp
{
    /// <summary>The pure decisions of a move: where the address goes, when nothing is sent, and what AWS cannot do.</summary>
    public class FloatingIpPlannerTests
    {
        private const string SubnetA = "subnet-0a1b2c3d4e5f60011";
        private const string SubnetC = "subnet-0a1b2c3d4e5f60012";

        private static InterfaceFacts Web1 => new InterfaceFacts
        {
            NetworkInterfaceId = "eni-0a1b2c3d4e5f60201", InstanceId = "i-0a1b2c3d4e5f60101", SubnetId = SubnetA, VpcId = "vpc-1",
            PrivateIpAddresses = new[] { "10.0.1.10", "10.0.1.60" },
        };

        private static InterfaceFacts Web2 => new InterfaceFacts
        {
            NetworkInterfaceId = "eni-0a1b2c3d4e5f60202", InstanceId = "i-0a1b2c3d4e5f60102", SubnetId = SubnetC, VpcId = "vpc-1",
            PrivateIpAddresses = new[] { "10.0.2.10" },
        };

        private static FloatingIpAddress EipOn(InterfaceFacts holder, string privateIp) => new FloatingIpAddress
        {
            Kind = FloatingIpKind.ElasticIp, AllocationId = "eipalloc-0a1b2c3d4e5f60501", PublicIp = "203.0.113.10",
            HolderNetworkInterfaceId = holder.NetworkInterfaceId, HolderInstanceId = holder.InstanceId, PrivateIpAddress = privateIp,
        };

        private static FloatingIpAddress PrivateOn(InterfaceFacts? holder, string ip) => new FloatingIpAddress
        {
            Kind = FloatingIpKind.SecondaryPrivateIp, PrivateIp = ip, HolderNetworkInterfaceId = holder?.NetworkInterfaceId,
            HolderInstanceId = holder?.InstanceId, SubnetId = holder?.SubnetId,
        };

        private static FloatingIpTarget To(InterfaceFacts target, string? toPrivateIp = null)
            => new FloatingIpTarget(target.InstanceId, null, toPrivateIp, self: false);

        private static readonly FloatingAddressSpec Eip = FloatingAddressSpec.From("eipalloc-0a1b2c3d4e5f60501", null, null);

        [Fact]
        public void An_elastic_ip_goes_to_the_targets_primary_address_by_default()
        {
            var plan = FloatingIpPlanner.Plan("ap-northeast-1", Eip, EipOn(Web1, "10.0.1.10"), Web2, To(Web2), null);
            Assert.False(plan.AlreadyCurrent);
            Assert.Equal("10.0.2.10", plan.TargetPrivateIp);
            Assert.Equal("Move Elastic IP 203.0.113.10 (eipalloc-0a1b2c3d4e5f60501) from eni-0a1b2c3d4e5f60201 (i-0a1b2c3d4e5f60101) to eni-0a1b2c3d4e5f60202 (i-0a1b2c3d4e5f60102) at 10.0.2.10",
                FloatingIpPlanner.Describe(plan));
        }

        [Fact]
        public void An_elastic_ip_already_on_the_target_address_is_already_current_but_another_address_of_it_is_a_move()
        {
            Assert.True(FloatingIpPlanner.Plan("r", Eip, EipOn(Web1, "10.0.1.10"), Web1, To(Web1), null).AlreadyCurrent);
            var toSecondary = FloatingIpPlanner.Plan("r", Eip, EipOn(Web1, "10.0.1.10"), Web1, To(Web1, "10.0.1.60"), null);
            Assert.False(toSecondary.AlreadyCurrent);
            Assert.Equal("10.0.1.60", toSecondary.TargetPrivateIp);
        }

        [Fact]
        public void ToPrivateIp_the_target_does_not_have_is_refused()
        {
            var error = Assert.Throws<PatternException>(() => FloatingIpPlanner.Plan("r", Eip, EipOn(Web1, "10.0.1.10"), Web2, To(Web2, "10.0.2.99"), null));
            Assert.Equal("PrivateIpNotOnTarget", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
        }

        [Fact]
        public void A_secondary_private_ip_moves_within_its_subnet()
        {
            var db1 = new InterfaceFacts { NetworkInterfaceId = "eni-0a1b2c3d4e5f60203", InstanceId = "i-0a1b2c3d4e5f60103", SubnetId = SubnetA, PrivateIpAddresses = new[] { "10.0.1.20", "10.0.1.50" } };
            var spec = FloatingAddressSpec.From(null, null, "10.0.1.50");
            var plan = FloatingIpPlanner.Plan("r", spec, PrivateOn(db1, "10.0.1.50"), Web1, To(Web1), null);
            Assert.False(plan.AlreadyCurrent);
            Assert.Equal("10.0.1.50", plan.TargetPrivateIp);
            Assert.True(FloatingIpPlanner.Plan("r", spec, PrivateOn(db1, "10.0.1.50"), db1, To(db1), null).AlreadyCurrent);
        }

        [Fact]
        public void A_secondary_private_ip_across_subnets_is_refused_with_the_alternatives()
        {
            var spec = FloatingAddressSpec.From(null, null, "10.0.1.60");
            var error = Assert.Throws<PatternException>(() => FloatingIpPlanner.Plan("r", spec, PrivateOn(Web1, "10.0.1.60"), Web2, To(Web2), null));
            Assert.Equal("CrossSubnetPrivateIp", error.ErrorId);
            Assert.Contains(SubnetA, error.Message);
            Assert.Contains(SubnetC, error.Message);
            Assert.Contains("Elastic IP", error.Message);
            Assert.Contains("Set-RoutingFailover", error.Message);
        }

        [Theory]
        [InlineData("10.0.2.50", "10.0.2.0/24", true)]
        [InlineData("10.0.9.50", "10.0.2.0/24", false)]
        public void An_unheld_private_ip_must_lie_in_the_target_subnet(string ip, string cidr, bool allowed)
        {
            var spec = FloatingAddressSpec.From(null, null, ip);
            if (allowed)
                Assert.False(FloatingIpPlanner.Plan("r", spec, PrivateOn(null, ip), Web2, To(Web2), cidr).AlreadyCurrent);
            else
                Assert.Equal("PrivateIpOutsideSubnet", Assert.Throws<PatternException>(() => FloatingIpPlanner.Plan("r", spec, PrivateOn(null, ip), Web2, To(Web2), cidr)).ErrorId);
        }

        [Theory]
        [InlineData(null, null, null, "FloatingIpRequired")]
        [InlineData("eipalloc-XYZ", null, null, "InvalidAllocationId")]
        [InlineData(null, "203.0.113", null, "InvalidPublicIp")]
        [InlineData(null, null, "010.0.1.5", "InvalidPrivateIp")]
        [InlineData(null, "203.0.113.10", "10.0.1.50", "AmbiguousFloatingIp")]
        public void Address_input_is_checked_for_form(string? allocationId, string? publicIp, string? privateIp, string errorId)
        {
            var error = Assert.Throws<PatternException>(() => FloatingAddressSpec.From(allocationId, publicIp, privateIp));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
        }
    }
}
