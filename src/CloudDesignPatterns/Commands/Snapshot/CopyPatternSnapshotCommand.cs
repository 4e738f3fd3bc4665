using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Engine.Snapshots.Copy;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Copies snapshot sets (or AMI sets) to another region, tagged as copies of their source; a set copied before is not
    /// copied again. -DestinationRegion binds from the set's configured DestinationRegion, so
    /// <c>New-PatternSnapshot -Self -Wait | Copy-PatternSnapshot -Wait</c> takes no argument.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "PatternSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(SnapshotSet))]
    public sealed class CopyPatternSnapshotCommand : SnapshotSetCmdlet
    {
        private readonly List<SnapshotSet> started = new List<SnapshotSet>();

        /// <summary>Defaults to the set's DestinationRegion (cdp:snapshot:destination-region of its instance).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? DestinationRegion { get; set; }

        [Parameter]
        public string? KmsKeyId { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 7 * 24 * 3600)]
        public int TimeoutSec { get; set; } = 3600;

        protected override void ProcessRecord()
        {
            foreach (var set in SetsOfThisRecord(Find))
                CopyOne(set);
        }

        private IEnumerable<SnapshotSet> Find(string[] setIds)
        {
            var (found, missing) = RunOrThrow((log, ct) => SnapshotSetLookup.FindAsync(SessionFor(log), setIds, ct));
            foreach (var (setId, error) in missing) WritePatternError(error, setId);
            return found;
        }

        private void CopyOne(SnapshotSet set)
        {
            try
            {
                var options = new SnapshotCopyOptions
                {
                    DestinationRegion = DestinationRegion, KmsKeyId = KmsKeyId, WaitForPendingSource = Wait, Timeout = TimeSpan.FromSeconds(TimeoutSec),
                };
                var plan = Run((log, ct) => new SnapshotCopier(SessionFor(log)).PlanAsync(set, options, ct));
                if (plan.NothingToDo) WriteVerbose(plan.Describe());
                else if (!ShouldProcess(plan.Describe(), $"Copy set {set.SetId} to {plan.DestinationRegion}?", "Copy-PatternSnapshot")) return;

                var copy = Run((log, ct) => new SnapshotCopier(SessionFor(log)).ExecuteAsync(plan, ct));
                if (Wait && copy.State != SnapshotSetState.Completed) started.Add(copy);
                else WriteObject(copy);
            }
            catch (PatternException error)
            {
                WritePatternError(error, set);
            }
        }

        protected override void EndProcessing()
        {
            if (started.Count == 0) return;
            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            Run((log, pump, ct) =>
            {
                var tasks = started.Select(async (copy, i) =>
                {
                    try
                    {
                        var done = await SnapshotSetWaiter.WaitAsync(SessionFor(log).InRegion(copy.Region), copy.SetId, copy.Kind, timeout, i + 1,
                            $"Copying {copy.SourceSetId} to {copy.Region}", ct).ConfigureAwait(false);
                        pump.Post(c => c.WriteObject(done));
                    }
                    catch (PatternException error)
                    {
                        pump.Post(c => c.WriteError(ToErrorRecord(error, copy)));
                    }
                    return true;
                }).ToList();
                return Task.WhenAll(tasks);
            });
        }

        protected override void BeginProcessing() => ResolveContextOnce();
    }
}
