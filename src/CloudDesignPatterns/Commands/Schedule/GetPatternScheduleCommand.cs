using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Schedules.Fleet;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// Lists the jobs Register-PatternSchedule wrote: read back from the scheduler's files, or with -Scope Fleet from
    /// State Manager, each with its last run per instance. Changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PatternSchedule")]
    [OutputType(typeof(PatternSchedule))]
    public sealed class GetPatternScheduleCommand : ScheduleCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string Name { get; set; } = "*";

        [Parameter]
        public ScheduleScope Scope { get; set; } = ScheduleScope.Local;

        /// <summary>The folder the files are under ("/" or %ProgramData%\CloudDesignPatterns by default).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Root { get; set; }

        protected override void ProcessRecord()
        {
            var matcher = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase);
            var found = false;
            var schedules = Scope == ScheduleScope.Fleet
                ? RunOrThrow((log, ct) => ReadFleetAsync(log, matcher, ct), Name)
                : LocalScheduleStore.Read(ScheduleCmdletSupport.ResolveRoot(this, Root));
            foreach (var schedule in schedules)
            {
                if (!matcher.IsMatch(schedule.Name)) continue;
                found = true;
                WriteObject(schedule);
            }
            if (!found && !WildcardPattern.ContainsWildcardCharacters(Name))
                WriteError(new ErrorRecord(new ItemNotFoundException($"No {(Scope == ScheduleScope.Fleet ? "fleet" : "local")} scheduled job named '{Name}'."), "ScheduleNotFound", ErrorCategory.ObjectNotFound, Name));
        }

        private async Task<IEnumerable<PatternSchedule>> ReadFleetAsync(IOperationLog log, WildcardPattern matcher, CancellationToken cancel)
        {
            var (ssm, _) = await OpenFleetAsync(log, cancel).ConfigureAwait(false);
            return await FleetScheduleStore.ReadAsync(ssm, matcher.IsMatch, cancel).ConfigureAwait(false);
        }
    }
}
