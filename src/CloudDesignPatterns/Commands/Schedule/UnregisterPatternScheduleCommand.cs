using System;
using System.IO;
using System.Linq;
using CloudDesignPatterns.Engine.Schedules.Fleet;
using CloudDesignPatterns.Engine.Ssm;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// Removes a scheduled job (its timer, cron file or task, and its job script; with -Scope Fleet its State Manager
    /// association), then reads back that nothing is left.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "PatternSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PatternSchedule))]
    public sealed class UnregisterPatternScheduleCommand : ScheduleCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ScheduleScope Scope { get; set; } = ScheduleScope.Local;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Root { get; set; }

        /// <summary>Fleet: the association to delete (bound from Get-PatternSchedule -Scope Fleet); found by -Name when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AssociationId { get; set; }

        /// <summary>Skips the confirmation prompt only.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (Scope == ScheduleScope.Fleet) { UnregisterFleet(); return; }
            var root = ScheduleCmdletSupport.ResolveRoot(this, Root);
            var schedule = LocalScheduleStore.Find(root, Name);
            if (schedule == null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No scheduled job named '{Name}' under {root}."), "ScheduleNotFound", ErrorCategory.ObjectNotFound, Name));
                return;
            }
            var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            if (!(Force && !whatIf) && !ShouldProcess($"{schedule.Backend} job '{schedule.Name}' ({schedule.Schedule})", $"Remove {string.Join(", ", schedule.Files)}")) return;
            try { WriteObject(LocalScheduleStore.Remove(schedule, ScheduleCmdletSupport.IsLive(root), new CmdletOperationLog(this))); }
            catch (PatternException e) { WritePatternError(e, Name); }
            catch (IOException e) { WriteError(new ErrorRecord(e, "ScheduleRemoveFailed", ErrorCategory.WriteError, Name)); }
            catch (UnauthorizedAccessException e) { WriteError(new ErrorRecord(e, "ScheduleRemoveDenied", ErrorCategory.PermissionDenied, Name)); }
        }

        /// <summary>Finds the job's association (by name, checking a piped AssociationId is that job's), asks, deletes, reads back.</summary>
        private void UnregisterFleet()
        {
            SsmSession? ssm = null;
            var found = RunOrThrow(async (log, ct) =>
            {
                ssm = (await OpenFleetAsync(log, ct).ConfigureAwait(false)).Ssm;
                return await FleetScheduleStore.ReadAsync(ssm, n => n == Name, ct, withLastRun: false).ConfigureAwait(false);
            }, Name);
            var schedule = found.FirstOrDefault(s => AssociationId == null || s.AssociationId == AssociationId);
            if (schedule == null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No fleet scheduled job named '{Name}'{(AssociationId == null ? "" : " with association " + AssociationId)} in {ssm!.Region}."),
                    "ScheduleNotFound", ErrorCategory.ObjectNotFound, Name));
                return;
            }
            var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            if (!(Force && !whatIf) && !ShouldProcess($"State Manager association {schedule.AssociationId} ({ssm!.Region})",
                    $"Delete fleet job '{schedule.Name}' ({schedule.Schedule} on instances tagged {schedule.TargetTag})")) return;
            try { WriteObject(Run((log, ct) => FleetScheduleStore.RemoveAsync(ssm!.WithLog(log), schedule, ct))); }
            catch (PatternException e) { WritePatternError(e, Name); }
        }
    }
}
