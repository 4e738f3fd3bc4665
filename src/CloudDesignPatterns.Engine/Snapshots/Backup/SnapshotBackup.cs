using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots.Backup
{
    /// <summary>
    /// Backs up instances (New-PatternSnapshot): plan (read only: who, with which settings — what -WhatIf prints),
    /// execute (one set per approved instance, a few at a time, each verified by <see cref="SnapshotCreator"/>).
    /// </summary>
    public sealed class SnapshotBackup
    {
        private readonly Ec2Session session;

        public SnapshotBackup(Ec2Session session) => this.session = session;

        public async Task<SnapshotBackupPlan> PlanAsync(SnapshotBackupOptions options, CancellationToken cancel)
        {
            // A typed DR region is checked first; one from Cloud DI is the instance's own business (Copy checks it).
            if (options.TypedSettings.TryGetValue("DestinationRegion", out var typed) && typed is string destination)
            {
                await RegionValidator.RequireAsync(session, destination, "parameter -DestinationRegion", cancel).ConfigureAwait(false);
                SnapshotCopier.RefuseSourceRegion(session.Region, destination, "The instance being backed up");
            }
            // -Self: the tags and user data instance metadata gave are the settings; by id, the instance's own
            // (tags from DescribeInstances, user data as Get-PatternConfiguration -InstanceId reads it).
            var self = options.Self ? await SelfInstance.ReadInRegionAsync(session, cancel).ConfigureAwait(false) : null;
            var ids = self != null ? new[] { self.InstanceId } : options.InstanceIds.Distinct().ToArray();
            var volumes = await InstanceVolumes.DescribeAsync(session, ids, cancel).ConfigureAwait(false);
            var found = ids.Where(volumes.ContainsKey).ToList();
            var userData = self != null ? new[] { self.UserData }
                : await Task.WhenAll(found.Select(id => InstanceSettingsReader.ReadUserDataAsync(session, id, cancel))).ConfigureAwait(false);

            var items = new List<SnapshotBackupItem>();
            var refused = new List<(string, PatternException)>();
            foreach (var id in ids.Where(id => !volumes.ContainsKey(id)))
                refused.Add((id, new PatternException("AwsCallFailed.InvalidInstanceID.NotFound", PatternErrorCategory.ObjectNotFound,
                    $"The instance '{id}' does not exist in {session.Region} (InvalidInstanceID.NotFound); the other instances are still backed up.", "InvalidInstanceID.NotFound")));
            for (var i = 0; i < found.Count; i++)
            {
                var instance = volumes[found[i]];
                // One instance's settings (a bad cdp:snapshot:* tag, -Reboot on a snapshot set) refuse that instance only.
                try
                {
                    var request = SnapshotPlanner.Plan(instance.InstanceId, self?.Tags ?? instance.Tags, userData[i].Settings, options.TypedSettings, options.Tags, options.Reboot);
                    items.Add(new SnapshotBackupItem(request, instance, session.Region));
                }
                catch (PatternException refusal) { refused.Add((instance.InstanceId, refusal)); }
                catch (ConfigurationException invalid)
                {
                    refused.Add((instance.InstanceId, new PatternException("InvalidConfigurationValue", PatternErrorCategory.InvalidData, $"{instance.InstanceId}: {invalid.Message}", inner: invalid)));
                }
            }
            return new SnapshotBackupPlan(items, refused);
        }

        /// <summary>
        /// Makes the approved sets, up to <see cref="SnapshotBackupOptions.ThrottleLimit"/> at a time; each set (completed
        /// first with <see cref="SnapshotBackupOptions.Wait"/>) or its failure is handed on as soon as it is known.
        /// </summary>
        public async Task ExecuteAsync(IEnumerable<SnapshotBackupItem> approved, SnapshotBackupOptions options,
            Action<SnapshotSet> made, Action<string, PatternException> failed, CancellationToken cancel)
        {
            using var gate = new SemaphoreSlim(options.ThrottleLimit);
            await Task.WhenAll(approved.Select(async item =>
            {
                await gate.WaitAsync(cancel).ConfigureAwait(false);
                try { made(await MakeAsync(item, options, cancel).ConfigureAwait(false)); }
                catch (PatternException error) { failed(item.Request.InstanceId, error); }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
        }

        private async Task<SnapshotSet> MakeAsync(SnapshotBackupItem item, SnapshotBackupOptions options, CancellationToken cancel)
        {
            var set = await SnapshotCreator.CreateAsync(session, item.Volumes, item.Request, cancel).ConfigureAwait(false);
            if (!options.Wait) return set;
            var done = await SnapshotSetWaiter.WaitAsync(session, set.SetId, set.Kind, options.Timeout, Math.Abs(set.SetId.GetHashCode() % 10000) + 1,
                $"Backing up {set.InstanceId} ({set.SetId})", cancel).ConfigureAwait(false);
            // The DR region is the instance's setting, not a tag the waiter reads back.
            done.DestinationRegion = set.DestinationRegion;
            return done;
        }
    }
}
