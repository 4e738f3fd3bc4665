using System.Collections.Generic;
using CloudDesignPatterns.Engine.Snapshots.Restore;

namespace CloudDesignPatterns.Tests.SnapshotCopyRestore
{
    public class DeviceNameAllocatorTests
    {
        [Fact]
        public void Free_original_devices_are_kept()
        {
            var result = DeviceNameAllocator.Assign(new[] { "/dev/xvdf", "/dev/xvdg" }, new[] { "/dev/xvda" });
            Assert.Equal(new[] { "/dev/xvdf", "/dev/xvdg" }, result);
        }

        [Fact]
        public void A_taken_device_moves_to_the_next_free_data_slot_without_stealing_another_volumes_original()
        {
            // The root snapshot wants xvda (taken); sdf is the first data slot but xvdf is wanted by the next volume.
            var result = DeviceNameAllocator.Assign(new[] { "/dev/xvda", "/dev/xvdf" }, new[] { "/dev/xvda" });
            Assert.Equal(new[] { "/dev/sdg", "/dev/xvdf" }, result);
        }

        [Fact]
        public void Sd_and_xvd_names_share_a_slot()
        {
            var result = DeviceNameAllocator.Assign(new[] { "/dev/sdf" }, new[] { "/dev/xvda", "/dev/xvdf" });
            Assert.Equal(new[] { "/dev/sdg" }, result);
        }

        [Fact]
        public void Unknown_originals_get_free_slots_and_a_full_instance_gets_none()
        {
            Assert.Equal(new[] { "/dev/sdf", "/dev/sdg" }, DeviceNameAllocator.Assign(new string?[] { null, null }, new[] { "/dev/xvda" }));
            var all = new List<string>(DeviceNameAllocator.DataDevices) { "/dev/xvda" };
            Assert.Equal(new string?[] { null }, DeviceNameAllocator.Assign(new[] { "/dev/xvdf" }, all));
        }

        [Fact]
        public void Two_volumes_wanting_the_same_device_do_not_both_get_it()
        {
            var result = DeviceNameAllocator.Assign(new[] { "/dev/xvdf", "/dev/sdf" }, new string[0]);
            Assert.Equal(new[] { "/dev/xvdf", "/dev/sdg" }, result);
        }
    }
}
