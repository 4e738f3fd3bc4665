using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Tests.SnapshotRotation
{
    /// <summary>A sandbox host, an engine session against it, and helpers that seed sets straight into its state.</summary>
    internal sealed class RotationSandbox : IDisposable
    {
        public const string Instance = "i-0a1b2c3d4e5f60101";
        public const string Policy = "nightly";

        public RotationSandbox()
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            Host = SandboxHost.Start(0, TimeSpan.FromSeconds(1));
            var settings = new ConnectionSettings { Region = Host.Region, EndpointUrl = Host.Endpoint.ToString(), AccessKey = "AKIDROTATIONTEST", SecretKey = "x" };
            var context = new AwsContextResolver().ResolveAsync(settings, NullOperationLog.Instance, CancellationToken.None).GetAwaiter().GetResult();
            Session = new Ec2Session(context, NullOperationLog.Instance, new RetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });
        }

        public SandboxHost Host { get; }
        public Ec2Session Session { get; }
        public DateTime Now { get; } = DateTime.UtcNow;

        /// <summary>Seeds a managed snapshot set of <paramref name="volumes"/> snapshots, created <paramref name="daysAgo"/> days ago.</summary>
        public (string SetId, IReadOnlyList<string> SnapshotIds) SeedSet(int daysAgo, int volumes = 1, bool pending = false, bool managed = true,
            IDictionary<string, string>? extraTags = null, string instance = Instance)
        {
            var setId = "ss-" + Guid.NewGuid().ToString("N").Substring(0, 16);
            var created = Now.AddDays(-daysAgo);
            var tags = SnapshotTags.ForNewSet(setId, Policy, instance, SnapshotTags.SetName(Policy, instance, created), "snapshots", null,
                new KeyValuePair<string, string>[0], null).ToDictionary(t => t.Key, t => t.Value);
            if (!managed) tags.Remove(ManagedTags.ManagedByKey);
            foreach (var extra in extraTags ?? new Dictionary<string, string>()) tags[extra.Key] = extra.Value;
            var ids = Host.Ec2.SeedSnapshots(Host.Region, Enumerable.Range(0, volumes).Select(n => new SeedSnapshot
            {
                VolumeId = $"vol-0a1b2c3d4e5f6020{n}", StartTime = created, PendingFor = pending ? TimeSpan.FromDays(daysAgo + 1) : TimeSpan.Zero,
                Tags = new Dictionary<string, string>(tags),
            }));
            return (setId, ids);
        }

        /// <summary>Seeds an image set: snapshots and an image over them, all carrying the set's tags.</summary>
        public (string SetId, string ImageId, IReadOnlyList<string> SnapshotIds) SeedImageSet(int daysAgo, int volumes = 2)
        {
            var (setId, snapshots) = SeedSet(daysAgo, volumes);
            var tags = Host.Ec2.SeedImageTagsOf(setId, daysAgo, Now);
            var imageId = Host.Ec2.SeedImage(Host.Region, new SeedImage { CreationDate = Now.AddDays(-daysAgo), SnapshotIds = snapshots.ToList(), Tags = tags });
            return (setId, imageId, snapshots);
        }

        public async Task<HashSet<string>> ExistingSnapshotsAsync()
            => new HashSet<string>((await SnapshotSetReader.ReadSnapshotsAsync(Session, new List<Amazon.EC2.Model.Filter>(), CancellationToken.None)).Select(s => s.SnapshotId));

        public async Task<HashSet<string>> ExistingImagesAsync()
            => new HashSet<string>((await SnapshotSetReader.DescribeImagesAsync(Session, new List<Amazon.EC2.Model.Filter>(), CancellationToken.None)).Select(i => i.ImageId));

        public void Dispose() => Host.Dispose();
    }

    internal static class SeedTagExtensions
    {
        public static IDictionary<string, string> SeedImageTagsOf(this Ec2Service _, string setId, int daysAgo, DateTime now)
        {
            var created = now.AddDays(-daysAgo);
            return SnapshotTags.ForNewSet(setId, RotationSandbox.Policy, RotationSandbox.Instance, SnapshotTags.SetName(RotationSandbox.Policy, RotationSandbox.Instance, created) + "-" + setId,
                "image", null, new KeyValuePair<string, string>[0], null).ToDictionary(t => t.Key, t => t.Value);
        }
    }
}
