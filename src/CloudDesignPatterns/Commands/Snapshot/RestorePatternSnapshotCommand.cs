using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Engine.Snapshots.Restore;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Restores sets: a snapshot set becomes volumes in one zone (attached to -InstanceId at their original devices where
    /// free), an image set becomes a new instance with the source instance's subnet, type and security groups.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "PatternSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(RestoreResult))]
    public sealed class RestorePatternSnapshotCommand : SnapshotSetCmdlet
    {
        /// <summary>Where the volumes are created; default the target instance's zone, else the source instance's.</summary>
        [Parameter]
        public string? AvailabilityZone { get; set; }

        /// <summary>The instance to attach the restored volumes to (not bound from the pipeline: a set's InstanceId is its source).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string? InstanceId { get; set; }

        [Parameter]
        public string? SubnetId { get; set; }

        [Parameter]
        public string? InstanceType { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        public string[]? SecurityGroupId { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 24 * 3600)]
        public int TimeoutSec { get; set; } = 900;

        private SnapshotRestoreOptions options = null!;

        protected override void BeginProcessing()
        {
            options = new SnapshotRestoreOptions
            {
                AvailabilityZone = AvailabilityZone, InstanceId = InstanceId, SubnetId = SubnetId, InstanceType = InstanceType,
                SecurityGroupIds = SecurityGroupId, Wait = Wait, Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            try { options.RequireValid(); }
            catch (PatternException error) { ThrowPatternError(error, InstanceId); }
            ResolveContextOnce();
        }

        protected override void ProcessRecord()
        {
            // With -SetId, the restorer reads each set afresh in its region: the id and region are all it needs.
            foreach (var set in SetsOfThisRecord(ids => ids.Select(id => new SnapshotSet { SetId = id, Region = ResolvedContext.Region.Value })))
                RestoreOne(set);
        }

        private void RestoreOne(SnapshotSet set)
        {
            try
            {
                var plan = Run((log, ct) => new SnapshotRestorer(SessionFor(log)).PlanAsync(set, options, ct));
                if (!ShouldProcess(plan.Describe(), $"Restore set {set.SetId}?", "Restore-PatternSnapshot")) return;
                var outcome = Run((log, ct) => new SnapshotRestorer(SessionFor(log)).ExecuteAsync(plan, options, ct));
                if (outcome.Result != null) WriteObject(outcome.Result);
                foreach (var error in outcome.Errors) WritePatternError(error, set);
            }
            catch (PatternException error)
            {
                WritePatternError(error, set);
            }
        }

    }
}
