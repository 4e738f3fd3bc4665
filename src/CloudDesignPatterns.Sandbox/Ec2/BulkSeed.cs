using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2
{
    /// <summary>A snapshot to put straight into the sandbox's state (no API call, no IAM check).</summary>
    public sealed class SeedSnapshot
    {
        public string? SnapshotId { get; set; }
        public string VolumeId { get; set; } = "vol-ffffffff";
        public int SizeGiB { get; set; } = 8;
        public DateTime StartTime { get; set; }
        /// <summary>Still pending: it completes this long after <see cref="StartTime"/> (zero = completed).</summary>
        public TimeSpan PendingFor { get; set; }
        /// <summary>Any tags, including aws:* keys that CreateTags refuses (what AWS Backup or DLM leave on their snapshots).</summary>
        public IDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>An image over existing snapshots, put straight into the sandbox's state.</summary>
    public sealed class SeedImage
    {
        public string? ImageId { get; set; }
        public string Name { get; set; } = "";
        public DateTime CreationDate { get; set; }
        public IList<string> SnapshotIds { get; set; } = new List<string>();
        public IDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>
    /// Fast seeding for tests and benchmarks: writes resources into the state under the service's lock instead of
    /// making one API call each, so 100,000 snapshots take well under a second. It bypasses IAM and validation on purpose.
    /// </summary>
    public sealed partial class Ec2Service
    {
        /// <summary>Adds the snapshots (owned by the sandbox account) and returns their ids.</summary>
        public IReadOnlyList<string> SeedSnapshots(string region, IEnumerable<SeedSnapshot> snapshots)
        {
            lock (_lock)
            {
                var state = _world.Region(region);
                var ids = new List<string>();
                foreach (var s in snapshots)
                {
                    var id = s.SnapshotId ?? _world.Ids.New("snap");
                    var record = new SnapshotRecord(id)
                    {
                        VolumeId = s.VolumeId, VolumeSize = s.SizeGiB, OwnerId = _world.AccountId,
                        StartTime = s.StartTime, CompletesAt = s.StartTime + s.PendingFor, Description = "seeded",
                    };
                    foreach (var tag in s.Tags) record.Tags[tag.Key] = tag.Value;
                    state.Snapshots[id] = record;
                    ids.Add(id);
                }
                return ids;
            }
        }

        /// <summary>Adds an available image whose block devices (xvda, xvdb, …) are the given snapshots; returns its id.</summary>
        public string SeedImage(string region, SeedImage image)
        {
            lock (_lock)
            {
                var state = _world.Region(region);
                var id = image.ImageId ?? _world.Ids.New("ami");
                var record = new ImageRecord(id)
                {
                    Name = image.Name.Length > 0 ? image.Name : id, OwnerId = _world.AccountId,
                    CreationDate = image.CreationDate, AvailableAt = image.CreationDate,
                };
                var n = 0;
                foreach (var snapshotId in image.SnapshotIds)
                {
                    var size = state.Snapshots.TryGetValue(snapshotId, out var snapshot) ? snapshot.VolumeSize : 8;
                    record.BlockDevices.Add(new ImageBlockDevice { DeviceName = "/dev/xvd" + (char)('a' + n++), SnapshotId = snapshotId, VolumeSize = size });
                }
                foreach (var tag in image.Tags) record.Tags[tag.Key] = tag.Value;
                state.Images[id] = record;
                return id;
            }
        }

        /// <summary>
        /// The benchmark fleet: <paramref name="instances"/> instances with <paramref name="setsPerInstance"/> completed,
        /// managed one-snapshot sets each (policy <paramref name="policy"/>, one a day back from <paramref name="newest"/>).
        /// Returns the number of snapshots added.
        /// </summary>
        public int SeedManagedFleet(string region, int instances, int setsPerInstance, string policy, DateTime newest)
        {
            var snapshots = new List<SeedSnapshot>(instances * setsPerInstance);
            for (var i = 0; i < instances; i++)
            {
                var instanceId = "i-" + (0x0b00000000000000L + i).ToString("x17", CultureInfo.InvariantCulture);
                var volumeId = "vol-" + (0x0b00000000000000L + i).ToString("x17", CultureInfo.InvariantCulture);
                for (var g = 0; g < setsPerInstance; g++)
                {
                    var created = newest.AddDays(-g);
                    var setId = "ss-" + ((long)i * 100000 + g).ToString("x16", CultureInfo.InvariantCulture);
                    snapshots.Add(new SeedSnapshot
                    {
                        VolumeId = volumeId, StartTime = created,
                        Tags = ManagedSetTags.ForSnapshotSet(setId, policy, instanceId, created, volumeId, "xvda"),
                    });
                }
            }
            return SeedSnapshots(region, snapshots).Count;
        }
    }
}
