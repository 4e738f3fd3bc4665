using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>Lists the jobs Register-PatternSchedule wrote, read back from the scheduler's files. Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "PatternSchedule")]
    [OutputType(typeof(PatternSchedule))]
    public sealed class GetPatternScheduleCommand : PatternCmdlet
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
            if (Scope == ScheduleScope.Fleet)
                ThrowPatternError(new PatternException("FleetScheduleNotAvailable", PatternErrorCategory.NotImplemented,
                    "-Scope Fleet (State Manager associations) is not in this build yet."), Name);
            var matcher = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase);
            var found = false;
            foreach (var schedule in LocalScheduleStore.Read(ScheduleCmdletSupport.ResolveRoot(this, Root)))
            {
                if (!matcher.IsMatch(schedule.Name)) continue;
                found = true;
                WriteObject(schedule);
            }
            if (!found && !WildcardPattern.ContainsWildcardCharacters(Name))
                WriteError(new ErrorRecord(new ItemNotFoundException($"No scheduled job named '{Name}'."), "ScheduleNotFound", ErrorCategory.ObjectNotFound, Name));
        }
    }
}
