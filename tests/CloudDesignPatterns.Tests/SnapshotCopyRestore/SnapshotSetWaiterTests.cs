using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SnapshotCopyRestore
{
    /// <summary>What a -Wait sends while it polls a set, read from the sandbox's call log.</summary>
    public sealed class SnapshotSetWaiterTests
    {
        [Fact]
        public async Task Waiting_for_a_snapshot_set_polls_DescribeSnapshots_alone_never_DescribeImages()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewSnapshotSetAsync(SandboxSeed.Web1, waitForCompletion: false);
            Assert.Equal((SnapshotSetKind.Snapshots, SnapshotSetState.Pending), (set.Kind, set.State));
            var mark = box.Mark();

            var done = await SnapshotSetWaiter.WaitAsync(box.Session, set.SetId, set.Kind, TimeSpan.FromSeconds(30), 1, "wait", CancellationToken.None);

            Assert.Equal(SnapshotSetState.Completed, done.State);
            var polls = box.Host.Control.GetCalls().Where(c => c.Sequence > mark).Select(c => c.Action).ToList();
            Assert.Contains("DescribeSnapshots", polls);
            Assert.DoesNotContain("DescribeImages", polls);
        }

        [Fact]
        public async Task Waiting_for_an_image_set_reads_its_image_on_each_poll()
        {
            using var box = new SnapshotSandbox();
            var set = await box.NewImageSetAsync(SandboxSeed.Db1, waitForCompletion: false);
            var mark = box.Mark();

            var done = await SnapshotSetWaiter.WaitAsync(box.Session, set.SetId, set.Kind, TimeSpan.FromSeconds(30), 1, "wait", CancellationToken.None);

            Assert.Equal((SnapshotSetKind.Image, SnapshotSetState.Completed), (done.Kind, done.State));
            var polls = box.Host.Control.GetCalls().Where(c => c.Sequence > mark).Select(c => c.Action).ToList();
            Assert.Equal(polls.Count(a => a == "DescribeSnapshots"), polls.Count(a => a == "DescribeImages"));
        }
    }
}
