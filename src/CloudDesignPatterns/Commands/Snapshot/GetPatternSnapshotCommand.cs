using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>This module's snapshot sets in a region, newest first, from filtered paginated describes. Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "PatternSnapshot", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(SnapshotSet))]
    public sealed class GetPatternSnapshotCommand : AwsCmdlet
    {
        private const string AllSet = "All";
        private const string SelfSet = "Self";
        private readonly List<string> instanceIds = new List<string>();
        private bool instanceIdGiven;
        private readonly List<string> setIds = new List<string>();

        [Parameter(ParameterSetName = AllSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[]? InstanceId { get; set; }

        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SnapshotPolicyCompleter))]
        public string? Policy { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SnapshotSetIdCompleter))]
        public string[]? SetId { get; set; }

        /// <summary>Also snapshots this module did not make, each shown as a set of its own.</summary>
        [Parameter] public SwitchParameter IncludeUnmanaged { get; set; }

        protected override void ProcessRecord()
        {
            instanceIdGiven |= InstanceId != null && InstanceId.Length > 0;
            InstanceIdParameter.AddValid(InstanceId, instanceIds, this);
            setIds.AddRange(SetId ?? Array.Empty<string>());
        }

        protected override void EndProcessing()
        {
            // Every -InstanceId was malformed (each already reported): an empty list must never widen into "every set".
            if (!Self && instanceIdGiven && instanceIds.Count == 0) return;
            var sets = RunOrThrow(async (log, ct) =>
            {
                var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                var ids = Self ? new List<string> { (await SelfInstance.IdentityAsync(ct).ConfigureAwait(false)).InstanceId }
                    : instanceIds.Count > 0 ? instanceIds : null;
                return await SnapshotSetReader.ListAsync(ec2, new SnapshotQuery
                {
                    InstanceIds = ids,
                    Policy = Policy,
                    SetIds = setIds.Count > 0 ? setIds.Distinct().ToList() : null,
                    IncludeUnmanaged = IncludeUnmanaged,
                }, ct).ConfigureAwait(false);
            });
            foreach (var set in sets)
            {
                // The State column says Overfull; the warning names the repeated volume and its snapshots, which the table cannot.
                if (set.State == SnapshotSetState.Overfull)
                    WriteWarning($"In {set.Region}, {OverfullSet.Describe(set)}. Rotation counts it as one generation and removes it whole; " +
                        "Copy-PatternSnapshot and Restore-PatternSnapshot refuse it.");
                WriteObject(set);
            }
        }
    }
}
