using System;
using System.IO;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>Removes a scheduled job (its timer, cron file or task, and its job script), then reads back that nothing is left.</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "PatternSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PatternSchedule))]
    public sealed class UnregisterPatternScheduleCommand : PatternCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ScheduleScope Scope { get; set; } = ScheduleScope.Local;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Root { get; set; }

        /// <summary>Skips the confirmation prompt only.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (Scope == ScheduleScope.Fleet)
            {
                WritePatternError(new PatternException("FleetScheduleNotAvailable", PatternErrorCategory.NotImplemented,
                    "-Scope Fleet (State Manager associations) is not in this build yet."), Name);
                return;
            }
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
    }
}
