using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>CreateSnapshots, CreateSnapshot, DescribeSnapshots, DeleteSnapshot, CopySnapshot.</summary>
    internal static class SnapshotHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["CreateSnapshots"] = CreateSnapshots;
            map["CreateSnapshot"] = CreateSnapshot;
            map["DescribeSnapshots"] = DescribeSnapshots;
            map["DeleteSnapshot"] = DeleteSnapshot;
            map["CopySnapshot"] = CopySnapshot;
        }

        private static IEnumerable<object?> CreateSnapshots(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var spec = ctx.P.Child("InstanceSpecification");
            var instance = IdKind.Instance.Find(ctx.Region.Instances, spec.Required("InstanceId"));
            var excluded = Lookup.All(IdKind.Volume, ctx.Region.Volumes, spec.List("ExcludeDataVolumeId")).Select(v => v.Id).ToList();
            var excludeBoot = spec.Bool("ExcludeBootVolume");
            var volumes = ctx.Region.VolumesOf(instance.Id)
                .Where(v => !excluded.Contains(v.Id) && !(excludeBoot && v.Attachment!.Device == instance.RootDeviceName)).ToList();
            if (volumes.Count == 0)
                throw new SandboxServiceException("InvalidParameterValue", $"The instance '{instance.Id}' has no volumes left to snapshot.");
            var tags = Tagging.ForResourceType(ctx.P, "snapshot", "snapshot");
            var copyVolumeTags = ctx.P.Get("CopyTagsFromSource") == "volume";
            var ids = volumes.Select(_ => ctx.Ids.New("snap")).ToList();
            Ec2ActionPolicy.CreateSnapshots(ctx.Auth, instance, volumes, ids, tags);

            var created = volumes.Select((v, n) =>
            {
                var s = NewSnapshot(ctx, ids[n], v, ctx.P.Get("Description") ?? "");
                if (copyVolumeTags) Tagging.Apply(s.Tags, v.Tags);
                Tagging.Apply(s.Tags, tags);
                return s;
            }).ToList();
            yield return Set("snapshotSet", created, s => StorageXml.SnapshotInfo(s, ctx.Now, instance.AvailabilityZone));
        }

        private static IEnumerable<object?> CreateSnapshot(Ec2Context ctx)
        {
            var volume = IdKind.Volume.Find(ctx.Region.Volumes, ctx.P.Required("VolumeId"));
            var tags = Tagging.ForResourceType(ctx.P, "snapshot", "snapshot");
            var id = ctx.Ids.New("snap");
            Ec2ActionPolicy.CreateSnapshot(ctx.Auth, volume, id, tags);
            var s = NewSnapshot(ctx, id, volume, ctx.P.Get("Description") ?? "");
            Tagging.Apply(s.Tags, tags);
            return StorageXml.Snapshot(s, ctx.Now);
        }

        /// <summary>A pending snapshot of one volume that completes after the configured delay.</summary>
        public static SnapshotRecord NewSnapshot(Ec2Context ctx, string id, VolumeRecord volume, string description)
        {
            var s = new SnapshotRecord(id)
            {
                VolumeId = volume.Id, VolumeSize = volume.Size, Description = description, OwnerId = ctx.Account,
                StartTime = ctx.Now, CompletesAt = ctx.Now + ctx.Options.SnapshotCompletionDelay, Encrypted = volume.Encrypted,
            };
            ctx.Region.Snapshots[id] = s;
            return s;
        }

        private static FilterSpec<SnapshotRecord> Spec(Ec2Context ctx) => new FilterSpec<SnapshotRecord>
        {
            ["snapshot-id"] = s => FilterSpec<SnapshotRecord>.One(s.Id),
            ["volume-id"] = s => FilterSpec<SnapshotRecord>.One(s.VolumeId),
            ["status"] = s => FilterSpec<SnapshotRecord>.One(s.Status(ctx.Now)),
            ["progress"] = s => FilterSpec<SnapshotRecord>.One(s.Progress(ctx.Now)),
            ["owner-id"] = s => FilterSpec<SnapshotRecord>.One(s.OwnerId),
            ["owner-alias"] = s => FilterSpec<SnapshotRecord>.One(s.OwnerAlias),
            ["description"] = s => FilterSpec<SnapshotRecord>.One(s.Description),
            ["volume-size"] = s => FilterSpec<SnapshotRecord>.One(Int(s.VolumeSize)),
            ["encrypted"] = s => FilterSpec<SnapshotRecord>.One(Bool(s.Encrypted)),
            ["start-time"] = s => FilterSpec<SnapshotRecord>.One(Time(s.StartTime)),
        };

        private static IEnumerable<object?> DescribeSnapshots(Ec2Context ctx)
        {
            var ids = ctx.P.List("SnapshotId");
            if (ids.Count > 0 && ctx.P.Has("MaxResults"))
                throw new SandboxServiceException("InvalidParameterCombination", "The parameter snapshotSet cannot be used with the parameter maxResults");
            var snapshots = Lookup.RequestedOrAll(IdKind.Snapshot, ctx.Region.Snapshots, ids);
            Ec2ActionPolicy.Describe(ctx.Auth);
            var owners = ctx.P.List("Owner");
            var owned = owners.Count == 0 ? snapshots : snapshots.Where(s => owners.Any(o => Owns(ctx, o, s.OwnerId, s.OwnerAlias))); // lazy: only the first page runs the query
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(owned, Spec(ctx)), ctx.P);
            yield return Set("snapshotSet", page, s => StorageXml.Snapshot(s, ctx.Now));
            yield return Opt("nextToken", next);
        }

        /// <summary>Owner "self" is the caller's account, "amazon" the alias, anything else an account id.</summary>
        public static bool Owns(Ec2Context ctx, string owner, string ownerId, string? ownerAlias) =>
            owner == "self" ? ownerId == ctx.Account : owner == ownerId || owner == ownerAlias;

        private static IEnumerable<object?> DeleteSnapshot(Ec2Context ctx)
        {
            var snapshot = IdKind.Snapshot.Find(ctx.Region.Snapshots, ctx.P.Required("SnapshotId"));
            var user = ctx.Region.Images.Values.FirstOrDefault(i => i.BlockDevices.Any(b => b.SnapshotId == snapshot.Id));
            if (user != null)
                throw new SandboxServiceException("InvalidSnapshot.InUse", $"The snapshot {snapshot.Id} is currently in use by {user.Id}");
            Ec2ActionPolicy.DeleteSnapshot(ctx.Auth, snapshot);
            if (snapshot.OwnerId != ctx.Account)
                throw new SandboxServiceException("UnauthorizedOperation", $"You are not authorized to delete snapshot {snapshot.Id}.");
            ctx.Region.Snapshots.Remove(snapshot.Id);
            yield return E("return", "true");
        }

        private static IEnumerable<object?> CopySnapshot(Ec2Context ctx)
        {
            var p = ctx.P;
            var sourceRegion = ctx.World.Region(p.Required("SourceRegion"));
            var source = IdKind.Snapshot.Find(sourceRegion.Snapshots, p.Required("SourceSnapshotId"));
            if (!source.IsCompleted(ctx.Now))
                throw new SandboxServiceException("IncorrectState", $"Snapshot '{source.Id}' is not in the 'completed' state.");
            var tags = Tagging.ForResourceType(p, "snapshot", "snapshot");
            var id = ctx.Ids.New("snap");
            Ec2ActionPolicy.CopySnapshot(ctx.Auth, sourceRegion.Name, source, id, tags);

            var copy = CopyOf(ctx, source, sourceRegion.Name, id, p.Get("Description"));
            copy.Encrypted = source.Encrypted || p.Bool("Encrypted");
            copy.KmsKeyId = p.Get("KmsKeyId") ?? source.KmsKeyId;
            Tagging.Apply(copy.Tags, tags);
            yield return copy.Tags.Count > 0 ? TagSet(copy.Tags) : null;
            yield return E("snapshotId", copy.Id);
        }

        /// <summary>A pending copy in the call's region. AWS shows copies with the placeholder volume vol-ffffffff.</summary>
        public static SnapshotRecord CopyOf(Ec2Context ctx, SnapshotRecord source, string sourceRegion, string id, string? description)
        {
            var copy = new SnapshotRecord(id)
            {
                VolumeId = "vol-ffffffff", VolumeSize = source.VolumeSize, OwnerId = ctx.Account,
                Description = description ?? $"[Copied {source.Id} from {sourceRegion}] {source.Description}".TrimEnd(),
                StartTime = ctx.Now, CompletesAt = ctx.Now + ctx.Options.SnapshotCompletionDelay, Encrypted = source.Encrypted,
                KmsKeyId = source.KmsKeyId,
            };
            ctx.Region.Snapshots[id] = copy;
            return copy;
        }
    }
}
