using System.Linq;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox.Ec2;
using static CloudDesignPatterns.Tests.SandboxEc2.Ec2Harness;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    public class ConcurrencyTests
    {
        [Fact]
        public void Parallel_creates_and_describes_lose_nothing()
        {
            var ec2 = new Ec2Harness();
            Parallel.For(0, 8, worker =>
            {
                for (var n = 0; n < 20; n++)
                {
                    ec2.Call("CreateSnapshot", ("VolumeId", SandboxSeed.Web1DataVolume),
                        ("TagSpecification.1.ResourceType", "snapshot"), ("TagSpecification.1.Tag.1.Key", "worker"),
                        ("TagSpecification.1.Tag.1.Value", worker.ToString()));
                    ec2.Call("DescribeInstances");
                }
            });
            var ids = Texts(ec2.Call("DescribeSnapshots", ("Owner.1", "self")), "snapshotId").ToList();
            Assert.Equal(160, ids.Count);
            Assert.Equal(160, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Matches("^snap-[0-9a-f]{17}$", id));
        }

        [Fact]
        public void A_region_outside_the_known_list_is_rejected()
        {
            var ec2 = new Ec2Harness();
            var error = Assert.Throws<CloudDesignPatterns.Sandbox.Contracts.SandboxServiceException>(() => ec2.CallIn("mars-north-1", "DescribeInstances"));
            Assert.Equal("InvalidParameterValue", error.Code);
        }
    }
}
