using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>
    /// A snapshot set's restore: one CreateVolume per snapshot (concurrently), then, with a target, one AttachVolume per
    /// volume at its planned device once it is available. A failure on one volume is reported on its own; the rest go on.
    /// </summary>
    internal static class VolumeRestoreExecutor
    {
        public static async Task<RestoreOutcome> RunAsync(Ec2Session ec2, SnapshotRestorePlan plan, SnapshotRestoreOptions options, CancellationToken cancel)
        {
            var errors = new List<PatternException>();
            var creates = plan.Volumes.Select(v => CreateAsync(ec2, plan, v, cancel)).ToList();
            try { await Task.WhenAll(creates).ConfigureAwait(false); }
            catch (PatternException) { /* collected per volume below */ }
            var created = new List<(PlannedVolume Plan, string VolumeId)>();
            for (var i = 0; i < creates.Count; i++)
            {
                if (creates[i].IsFaulted) errors.Add(AsPattern(creates[i].Exception!.GetBaseException(), $"Creating a volume from {plan.Volumes[i].SnapshotId}"));
                else created.Add((plan.Volumes[i], creates[i].Result));
            }
            if (created.Count == 0) return new RestoreOutcome(null, errors);

            // From here on, volumes exist: a failed wait or read-back is reported beside a result that still names them,
            // so the operator always has the ids of what was made.
            async Task<bool> Step(Func<Task> step)
            {
                try { await step().ConfigureAwait(false); return true; }
                catch (PatternException error) { errors.Add(error); return false; }
            }

            var ids = created.Select(c => c.VolumeId).ToList();
            if (plan.TargetInstanceId != null)
            {
                if (await Step(() => VolumeReader.WaitAsync(ec2, ids, v => v.State?.Value == "available", "available", options.Timeout, cancel)).ConfigureAwait(false))
                {
                    foreach (var (volume, volumeId) in created)
                        await Step(() => AttachAsync(ec2, plan, volume, volumeId, cancel)).ConfigureAwait(false);
                    if (options.Wait)
                        await Step(() => VolumeReader.WaitAsync(ec2, ids, v => VolumeReader.IsAttachedTo(v, plan.TargetInstanceId) && v.Attachments.All(a => a.State?.Value == "attached"),
                            "attached", options.Timeout, cancel)).ConfigureAwait(false);
                }
            }
            else if (options.Wait)
                await Step(() => VolumeReader.WaitAsync(ec2, ids, v => v.State?.Value == "available", "available", options.Timeout, cancel)).ConfigureAwait(false);

            return new RestoreOutcome(await VerifyAsync(ec2, plan, created, errors, cancel).ConfigureAwait(false), errors);
        }

        private static async Task<string> CreateAsync(Ec2Session ec2, SnapshotRestorePlan plan, PlannedVolume volume, CancellationToken cancel)
        {
            var request = new CreateVolumeRequest
            {
                // One token per intended volume, the same on every attempt: a retry after a 5xx or a timeout that
                // EC2 had acted on answers with that volume instead of making a second one.
                ClientToken = Guid.NewGuid().ToString(),
                AvailabilityZone = plan.AvailabilityZone,
                SnapshotId = volume.SnapshotId,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = "volume", Tags = RestoreTags.For(plan.Set.SetId, RestoreTags.VolumeName(plan.Set.InstanceId, volume.OriginalDevice, plan.Set.SetId)) },
                },
            };
            var response = await ec2.CallAsync("CreateVolume", $"{volume.SnapshotId} in {plan.AvailabilityZone}", true,
                (c, ct) => c.CreateVolumeAsync(request, ct), cancel).ConfigureAwait(false);
            return response.Volume.VolumeId;
        }

        private static async Task AttachAsync(Ec2Session ec2, SnapshotRestorePlan plan, PlannedVolume volume, string volumeId, CancellationToken cancel)
        {
            if (volume.DeviceName == null)
                throw new PatternException("NoFreeDevice", PatternErrorCategory.LimitsExceeded,
                    $"Instance {plan.TargetInstanceId} has no free device in /dev/sdf…/dev/sdp; volume {volumeId} (from {volume.SnapshotId}) was created but left detached.");
            var request = new AttachVolumeRequest { VolumeId = volumeId, InstanceId = plan.TargetInstanceId, Device = volume.DeviceName };
            await ec2.CallAsync("AttachVolume", $"{volumeId} → {plan.TargetInstanceId} {volume.DeviceName}", false,
                (c, ct) => c.AttachVolumeAsync(request, ct), cancel).ConfigureAwait(false);
        }

        private static async Task<RestoreResult> VerifyAsync(Ec2Session ec2, SnapshotRestorePlan plan, List<(PlannedVolume Plan, string VolumeId)> created,
            List<PatternException> errors, CancellationToken cancel)
        {
            var read = new Dictionary<string, Volume>(StringComparer.Ordinal);
            try
            {
                foreach (var v in await VolumeReader.ReadAsync(ec2, created.Select(c => c.VolumeId).ToList(), cancel).ConfigureAwait(false))
                    read[v.VolumeId] = v;
            }
            catch (PatternException error) { errors.Add(error); }
            var volumes = created.Select(c =>
            {
                read.TryGetValue(c.VolumeId, out var v);
                var attachment = v?.Attachments?.FirstOrDefault(a => a.InstanceId == plan.TargetInstanceId);
                return new RestoredVolume
                {
                    VolumeId = c.VolumeId,
                    SnapshotId = c.Plan.SnapshotId,
                    DeviceName = attachment?.Device,
                    Attached = attachment != null,
                    SizeGiB = v?.Size ?? c.Plan.SizeGiB,
                    State = v?.State?.Value ?? "missing",
                };
            }).ToArray();
            var missing = volumes.Where(v => v.State == "missing").Select(v => v.VolumeId).ToList();
            if (missing.Count > 0)
                errors.Add(new PatternException("RestoredVolumeNotFound", PatternErrorCategory.InvalidData,
                    $"Created volumes {string.Join(", ", missing)} do not show up in DescribeVolumes in {ec2.Region}; check them with aws ec2 describe-volumes before retrying."));
            return new RestoreResult
            {
                SetId = plan.Set.SetId,
                Region = plan.Region,
                Kind = SnapshotSetKind.Snapshots,
                InstanceId = volumes.Any(v => v.Attached) ? plan.TargetInstanceId : null,
                AvailabilityZone = plan.AvailabilityZone,
                Volumes = volumes,
                State = string.Join(",", volumes.Select(v => v.State).Distinct()),
            };
        }

        internal static PatternException AsPattern(Exception error, string doing)
            => error as PatternException ?? new PatternException("RestoreFailed", PatternErrorCategory.NotSpecified, $"{doing} failed: {error.Message}", inner: error);
    }
}
