using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Backs up instances: one crash-consistent multi-volume snapshot set (or an AMI) per instance, tagged at creation,
    /// verified by reading it back. Settings not given come from the instance's Cloud DI tags and user data, read as Get-PatternConfiguration reads them.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PatternSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(SnapshotSet))]
    public sealed class NewPatternSnapshotCommand : AwsCmdlet
    {
        private const string ByIdSet = "InstanceId";
        private const string SelfSet = "Self";
        private readonly List<string> instanceIds = new List<string>();

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter Image { get; set; }
        [Parameter] public SwitchParameter Reboot { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter ExcludeBootVolume { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        [ArgumentCompleter(typeof(SnapshotPolicyCompleter))]
        public string? Policy { get; set; }

        /// <summary>The DR region the sets are meant for; carried on each set so Copy-PatternSnapshot needs no argument.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? DestinationRegion { get; set; }

        [Parameter] public Hashtable? Tag { get; set; }

        [Parameter(ParameterSetName = SelfSet)] public ScriptBlock? PreScript { get; set; }
        [Parameter(ParameterSetName = SelfSet)] public ScriptBlock? PostScript { get; set; }

        [Parameter] public SwitchParameter Wait { get; set; }
        [Parameter] [ValidateRange(1, 86400)] public int TimeoutSec { get; set; } = 3600;
        [Parameter] [ValidateRange(1, 256)] public int ThrottleLimit { get; set; } = 16;

        private IReadOnlyDictionary<string, string> extraTags = new Dictionary<string, string>();

        protected override void BeginProcessing()
        {
            extraTags = TagParameter.Read(Tag, this);
        }

        protected override void ProcessRecord()
        {
            if (Self) return;
            InstanceIdParameter.AddValid(InstanceId, instanceIds, this);
        }

        protected override void EndProcessing()
        {
            if (!Self && instanceIds.Count == 0) return;
            var explicitParameters = ExplicitSettings();
            // Phase 1 (read only): who, and with which settings — what -WhatIf prints.
            List<(SnapshotRequest Request, InstanceVolumes Volumes)> planned;
            Ec2Session ec2;
            try { (ec2, planned) = Run((log, ct) => PlanAsync(log, explicitParameters, ct)); }
            catch (PatternException error) { ThrowPatternError(error, Self ? "self" : string.Join(",", instanceIds)); return; }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }

            var approved = planned.Where(p => ShouldProcess($"{p.Request.InstanceId} ({ec2.Region})", SnapshotPlanner.Describe(p.Request))).ToList();
            if (approved.Count == 0)
            {
                // Nothing to create (every id unknown, or -WhatIf): the unknown ids must still be errors, or a job exits 0.
                foreach (var (id, error) in missingInstances) WritePatternError(error, id);
                return;
            }

            // Phase 2: the snapshot calls, concurrent up to -ThrottleLimit; the post script runs even when they fail.
            PreScript?.Invoke();
            try
            {
                Run((log, pump, ct) => CreateAllAsync(ec2.WithLog(log), approved, pump, ct));
            }
            finally
            {
                PostScript?.Invoke();
            }
        }

        private async Task<(Ec2Session, List<(SnapshotRequest, InstanceVolumes)>)> PlanAsync(IOperationLog log, IReadOnlyDictionary<string, object?> explicitParameters, CancellationToken ct)
        {
            var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
            if (DestinationRegion != null)
            {
                await Engine.Ec2.RegionValidator.RequireAsync(ec2, DestinationRegion, "parameter -DestinationRegion", ct).ConfigureAwait(false);
                if (DestinationRegion == ec2.Region)
                    throw new PatternException("DestinationIsSourceRegion", PatternErrorCategory.InvalidArgument,
                        $"-DestinationRegion {DestinationRegion} is the region being backed up; a DR copy must go to another region.");
            }
            IReadOnlyDictionary<string, string>? userData = null;
            var ids = instanceIds;
            if (Self)
            {
                var self = await InstanceSettingsReader.ReadSelfAsync(ImdsClient.ForCurrentEnvironment(), () => Task.FromResult(ec2), ct).ConfigureAwait(false);
                if (self.Region != ec2.Region)
                    throw new PatternException("SelfInOtherRegion", PatternErrorCategory.InvalidArgument,
                        $"-Self is {self.InstanceId} in {self.Region}, but the command targets {ec2.Region}; drop -Region or set it to {self.Region}.");
                ids = new List<string> { self.InstanceId };
                userData = self.UserData.Settings;
            }
            var facts = await InstanceVolumes.DescribeAsync(ec2, ids, ct).ConfigureAwait(false);
            // By id, user data is read as Get-PatternConfiguration -InstanceId reads it (one rule for both cmdlets).
            var userDataById = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            if (!Self)
            {
                var found = ids.Distinct().Where(facts.ContainsKey).ToList();
                var reads = await Task.WhenAll(found.Select(id => InstanceSettingsReader.ReadUserDataAsync(ec2, id, ct))).ConfigureAwait(false);
                for (var i = 0; i < found.Count; i++) userDataById[found[i]] = reads[i].Settings;
            }
            var planned = new List<(SnapshotRequest, InstanceVolumes)>();
            foreach (var id in ids.Distinct())
            {
                if (!facts.TryGetValue(id, out var volumes))
                {
                    var missing = new PatternException("AwsCallFailed.InvalidInstanceID.NotFound", PatternErrorCategory.ObjectNotFound,
                        $"The instance '{id}' does not exist in {ec2.Region} (InvalidInstanceID.NotFound); the other instances are still backed up.", "InvalidInstanceID.NotFound");
                    missingInstances.Add((id, missing));
                    continue;
                }
                // One instance's settings (a bad cdp:snapshot:* tag, -Reboot on a snapshot set) refuse that instance only.
                try { planned.Add((PlanOne(id, volumes, Self ? userData : userDataById[id], explicitParameters), volumes)); }
                catch (PatternException refused) { missingInstances.Add((id, refused)); }
                catch (ConfigurationException invalid)
                {
                    missingInstances.Add((id, new PatternException("InvalidConfigurationValue", PatternErrorCategory.InvalidData, $"{id}: {invalid.Message}", inner: invalid)));
                }
            }
            return (ec2, planned);
        }

        private SnapshotRequest PlanOne(string id, InstanceVolumes volumes, IReadOnlyDictionary<string, string>? userData, IReadOnlyDictionary<string, object?> explicitParameters)
        {
            var request = SnapshotPlanner.Plan(id, volumes.Tags, userData, explicitParameters, extraTags, Reboot);
            if (request.Reboot && !request.Image)
                throw new PatternException("RebootNeedsImage", PatternErrorCategory.InvalidArgument, $"{id}: -Reboot applies to an AMI (-Image); a snapshot set never reboots the instance.");
            if (request.Image && request.ExcludeBootVolume)
                throw new PatternException("ImageNeedsBootVolume", PatternErrorCategory.InvalidArgument, $"{id}: an AMI always includes the boot volume; drop -ExcludeBootVolume (or cdp:snapshot:exclude-boot-volume) or -Image.");
            return request;
        }

        private readonly List<(string Id, PatternException Error)> missingInstances = new List<(string, PatternException)>();

        private async Task<bool> CreateAllAsync(Ec2Session ec2, List<(SnapshotRequest Request, InstanceVolumes Volumes)> approved, PipelinePump pump, CancellationToken ct)
        {
            using var gate = new SemaphoreSlim(ThrottleLimit);
            var tasks = approved.Select(async item =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var set = await SnapshotCreator.CreateAsync(ec2, item.Volumes, item.Request, ct).ConfigureAwait(false);
                    if (Wait)
                    {
                        var destination = set.DestinationRegion;
                        set = await SnapshotSetWaiter.WaitAsync(ec2, set.SetId, set.Kind, TimeSpan.FromSeconds(TimeoutSec), Math.Abs(set.SetId.GetHashCode() % 10000) + 1,
                            $"Backing up {set.InstanceId} ({set.SetId})", ct).ConfigureAwait(false);
                        set.DestinationRegion = destination;
                    }
                    pump.Post(c => c.WriteObject(set));
                }
                catch (PatternException error)
                {
                    pump.Post(c => ((NewPatternSnapshotCommand)c).WritePatternError(error, item.Request.InstanceId));
                }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            // After the others are backed up, so -ErrorAction Stop on an unknown id does not cost the rest their backup.
            foreach (var (id, error) in missingInstances) pump.Post(c => ((NewPatternSnapshotCommand)c).WritePatternError(error, id));
            return true;
        }

        /// <summary>Only the settings the user typed: they beat tags and user data; the rest come from Cloud DI.</summary>
        private IReadOnlyDictionary<string, object?> ExplicitSettings()
        {
            var bound = MyInvocation.BoundParameters;
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (bound.ContainsKey(nameof(Policy))) values[nameof(Policy)] = Policy;
            if (bound.ContainsKey(nameof(Image))) values[nameof(Image)] = Image.IsPresent;
            if (bound.ContainsKey(nameof(ExcludeBootVolume))) values[nameof(ExcludeBootVolume)] = ExcludeBootVolume.IsPresent;
            if (bound.ContainsKey(nameof(DestinationRegion))) values[nameof(DestinationRegion)] = DestinationRegion;
            return values;
        }
    }
}
