using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>
    /// SnapshotCreator.Verify, the guard after the read-back: a set is reported made only with one snapshot per volume
    /// (or, for an image set, with its image). A short or oversized set is an error, never a quiet success.
    /// </summary>
    public class SnapshotCreatorVerifyTests
    {
        private static readonly SnapshotRequest Request = new SnapshotRequest { InstanceId = "i-0a1b2c3d4e5f60102" };

        private static SnapshotSet Set(SnapshotSetKind kind, int snapshots, string? imageId = null) => new SnapshotSet
        {
            SetId = "ss-0123456789abcdef", Kind = kind, ImageId = imageId,
            Snapshots = Enumerable.Range(0, snapshots).Select(n => new SnapshotInfo { SnapshotId = "snap-" + n }).ToArray(),
        };

        [Fact]
        public void Accepts_one_snapshot_per_volume()
            => SnapshotCreator.Verify(Set(SnapshotSetKind.Snapshots, 2), Request, expectedVolumes: 2);

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void Refuses_a_set_whose_snapshots_do_not_match_the_volumes(int snapshots)
        {
            var error = Assert.Throws<PatternException>(() => SnapshotCreator.Verify(Set(SnapshotSetKind.Snapshots, snapshots), Request, expectedVolumes: 2));

            Assert.Equal("SnapshotSetIncomplete", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidData, error.Category);
            Assert.Contains($"has {snapshots} snapshot(s) for 2 volume(s)", error.Message);
        }

        [Fact]
        public void Refuses_an_image_set_without_its_image()
        {
            var error = Assert.Throws<PatternException>(() => SnapshotCreator.Verify(Set(SnapshotSetKind.Image, 1), Request, expectedVolumes: 1));

            Assert.Equal("SnapshotSetIncomplete", error.ErrorId);
            Assert.Contains("has no image", error.Message);
        }

        [Fact]
        public void Accepts_an_image_set_with_its_image()
            => SnapshotCreator.Verify(Set(SnapshotSetKind.Image, 1, "ami-0123456789abcdef0"), Request, expectedVolumes: 1);

        [Fact]
        public void Planner_ignores_a_broken_setting_New_does_not_use_but_refuses_one_it_uses()
        {
            var extra = new Dictionary<string, string>();
            var none = new Dictionary<string, object?>();
            var brokenKeep = new Dictionary<string, string> { ["cdp:snapshot:keep-generations"] = "seven", ["cdp:snapshot:policy"] = "nightly" };
            var brokenImage = new Dictionary<string, string> { ["cdp:snapshot:image"] = "maybe" };

            Assert.Equal("nightly", SnapshotPlanner.Plan(Request.InstanceId, brokenKeep, null, none, extra, reboot: false).Policy);
            Assert.Throws<ConfigurationException>(() => SnapshotPlanner.Plan(Request.InstanceId, brokenImage, null, none, extra, reboot: false));
        }
    }
}
