using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Backup;
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
            var options = new SnapshotBackupOptions
            {
                InstanceIds = instanceIds, Self = Self, TypedSettings = TypedSettings(), Tags = extraTags, Reboot = Reboot,
                Wait = Wait, Timeout = TimeSpan.FromSeconds(TimeoutSec), ThrottleLimit = ThrottleLimit,
            };
            // Phase 1 (read only): who, and with which settings — what -WhatIf prints.
            var (ec2, plan) = RunOrThrow(async (log, ct) =>
            {
                var session = await OpenEc2Async(log, ct).ConfigureAwait(false);
                return (session, await new SnapshotBackup(session).PlanAsync(options, ct).ConfigureAwait(false));
            }, Self ? "self" : string.Join(",", instanceIds));

            var approved = plan.Items.Where(item => ShouldProcess(item.Target, item.Action)).ToList();
            if (approved.Count > 0)
            {
                // Phase 2: the snapshot calls; the post script runs even when they fail.
                PreScript?.Invoke();
                try
                {
                    Run((log, pump, ct) => new SnapshotBackup(ec2.WithLog(log)).ExecuteAsync(approved, options,
                        set => pump.Post(c => c.WriteObject(set)),
                        (id, error) => pump.Post(c => ((NewPatternSnapshotCommand)c).WritePatternError(error, id)), ct));
                }
                finally { PostScript?.Invoke(); }
            }
            // After the others are backed up, so -ErrorAction Stop on an unknown id does not cost the rest their backup.
            foreach (var (id, error) in plan.Refused) WritePatternError(error, id);
        }

        /// <summary>Only the settings the user typed: they beat tags and user data; the rest come from Cloud DI.</summary>
        private IReadOnlyDictionary<string, object?> TypedSettings()
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
