using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Tests.SnapshotCopyRestore
{
    /// <summary>
    /// A sandbox with short snapshot delays, an engine session on it (explicit credentials and endpoint: the SDK never
    /// probes instance metadata), and helpers that make sets the way New-PatternSnapshot does (tags at creation).
    /// </summary>
    internal sealed class SnapshotSandbox : IDisposable
    {
        public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(800);

        /// <param name="delay">How long snapshots stay pending; longer where a test must see a copy still pending.</param>
        public SnapshotSandbox(TimeSpan? delay = null)
        {
            Host = SandboxHost.Start(0, delay ?? Delay);
            Session = SessionIn(SandboxSeed.Region);
        }

        public SandboxHost Host { get; }
        public Ec2Session Session { get; }
        public RecordingLog Log { get; } = new RecordingLog();

        public Ec2Session SessionIn(string region)
        {
            var endpoint = Host.Endpoint;
            var context = new AwsContext(new Resolved<string>(region, "test"), new Resolved<string>("test keys", "test"),
                new BasicAWSCredentials("AKIDEXAMPLE", "secret"), "AKIDEXAMPLE|" + endpoint, service => new Resolved<Uri>(endpoint, "test"), null);
            return new Ec2Session(context, Log, new CloudDesignPatterns.Engine.Aws.RetryPolicy { MaxAttempts = 1 });
        }

        public AmazonEC2Client Client(string region = SandboxSeed.Region) => new AmazonEC2Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonEC2Config { ServiceURL = Host.Endpoint.ToString(), AuthenticationRegion = region, MaxErrorRetry = 0 });

        /// <summary>A snapshot set of an instance, as New-PatternSnapshot makes it; completed unless told otherwise.</summary>
        public async Task<SnapshotSet> NewSnapshotSetAsync(string instanceId, bool waitForCompletion = true, string? destinationRegion = SandboxSeed.DrRegion,
            IReadOnlyDictionary<string, string>? extraTags = null)
        {
            using var ec2 = Client();
            var devices = await DevicesAsync(ec2, instanceId);
            var setId = SnapshotTags.NewSetId();
            var tags = SnapshotTags.ForNewSet(setId, "nightly", instanceId, SnapshotTags.SetName("nightly", instanceId, DateTime.UtcNow), "snapshots",
                extraTags, devices, destinationRegion);
            await ec2.CreateSnapshotsAsync(new CreateSnapshotsRequest
            {
                InstanceSpecification = new InstanceSpecification { InstanceId = instanceId },
                CopyTagsFromSource = CopyTagsFromSource.Volume,
                TagSpecifications = new List<TagSpecification> { new TagSpecification { ResourceType = "snapshot", Tags = tags } },
            });
            return await ReadSetAsync(Session, setId, waitForCompletion);
        }

        /// <summary>An image set, as New-PatternSnapshot -Image makes it.</summary>
        public async Task<SnapshotSet> NewImageSetAsync(string instanceId, bool waitForCompletion = true)
        {
            using var ec2 = Client();
            var setId = SnapshotTags.NewSetId();
            var name = SnapshotTags.SetName("nightly", instanceId, DateTime.UtcNow) + "-" + setId;
            var tags = SnapshotTags.ForNewSet(setId, "nightly", instanceId, name, "image", null, await DevicesAsync(ec2, instanceId), SandboxSeed.DrRegion);
            await ec2.CreateImageAsync(new CreateImageRequest
            {
                InstanceId = instanceId,
                Name = name,
                NoReboot = true,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = "image", Tags = tags },
                    new TagSpecification { ResourceType = "snapshot", Tags = tags },
                },
            });
            return await ReadSetAsync(Session, setId, waitForCompletion);
        }

        public async Task<SnapshotSet> ReadSetAsync(Ec2Session session, string setId, bool waitForCompletion = false)
        {
            for (var attempt = 0; ; attempt++)
            {
                var set = (await SnapshotSetReader.ListAsync(session, new SnapshotQuery { SetIds = new[] { setId } }, CancellationToken.None)).Single();
                if (!waitForCompletion || set.State != SnapshotSetState.Pending || attempt > 100) return set;
                await Task.Delay(100);
            }
        }

        private static async Task<List<KeyValuePair<string, string>>> DevicesAsync(AmazonEC2Client ec2, string instanceId)
        {
            var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { instanceId } });
            return response.Reservations[0].Instances[0].BlockDeviceMappings
                .Select(m => new KeyValuePair<string, string>(m.Ebs.VolumeId, m.DeviceName)).ToList();
        }

        public async Task<List<Snapshot>> SnapshotsTaggedAsync(string region, string key, string value)
        {
            using var ec2 = Client(region);
            var response = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
            {
                OwnerIds = new List<string> { "self" },
                Filters = new List<Filter> { new Filter("tag:" + key, new List<string> { value }) },
            });
            return response.Snapshots ?? new List<Snapshot>();
        }

        /// <summary>The sequence number of the last recorded call, to look at the calls made after it.</summary>
        public long Mark() => Host.Control.GetCalls().Select(c => c.Sequence).DefaultIfEmpty(0).Max();

        /// <summary>Actions other than describes recorded after <paramref name="mark"/>, with their region.</summary>
        public IReadOnlyList<string> MutatingCallsSince(long mark) => Host.Control.GetCalls(mark)
            .Where(c => !c.Action.StartsWith("Describe", StringComparison.Ordinal)).Select(c => c.Action + "@" + c.Region).ToList();

        public void Dispose() => Host.Dispose();
    }

    internal sealed class RecordingLog : IOperationLog
    {
        public List<string> Lines { get; } = new List<string>();
        public List<(string Activity, int Percent, bool Completed)> ProgressRecords { get; } = new List<(string, int, bool)>();
        public void Verbose(string message) { lock (Lines) Lines.Add(message); }
        public void Debug(string message) { }
        public void Warning(string message) { lock (Lines) Lines.Add("WARNING: " + message); }
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false)
        {
            lock (ProgressRecords) ProgressRecords.Add((activity, percent, completed));
        }
    }
}
