using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// Schedules a pattern's command on this machine's own scheduler (systemd timer, cron, Task Scheduler). Every
    /// refusal (an expression that does not parse, too frequent for the backend, a job of that name with another
    /// definition) comes before any file is written.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "PatternSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PatternSchedule))]
    public sealed class RegisterPatternScheduleCommand : PatternCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IamPatternCompleter))]
        public string Pattern { get; set; } = "";

        /// <summary>A script block, or a command line as text.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public object Command { get; set; } = null!;

        /// <summary>cron(Minutes Hours Day-of-month Month Day-of-week Year) or rate(N minutes|hours|days), in UTC.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        public string Schedule { get; set; } = "";

        /// <summary>The job's name (unit cdp-NAME); the pattern's name in lower case by default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        [Parameter]
        public ScheduleScope Scope { get; set; } = ScheduleScope.Local;

        /// <summary>The local scheduler; detected when omitted (Task Scheduler on Windows, systemd when running, else cron).</summary>
        [Parameter]
        [ValidateSet("Systemd", "Cron", "TaskScheduler")]
        public string? Backend { get; set; }

        /// <summary>The folder the files go under: "/" (Linux) or %ProgramData%\CloudDesignPatterns (Windows) by default. Files under any other root are written only, never activated.</summary>
        [Parameter]
        public string? Root { get; set; }

        /// <summary>The pwsh the scheduler starts; this session's by default.</summary>
        [Parameter]
        public string? PwshPath { get; set; }

        /// <summary>The module manifest the job imports; this module's by default.</summary>
        [Parameter]
        public string? ModulePath { get; set; }

        /// <summary>Task Scheduler: the account the task runs as, whether logged on or not.</summary>
        [Parameter]
        public string RunAs { get; set; } = "SYSTEM";

        /// <summary>Skips the confirmation prompt only; every refusal still applies.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (Scope == ScheduleScope.Fleet)
                ThrowPatternError(new PatternException("FleetScheduleNotAvailable", PatternErrorCategory.NotImplemented,
                    "-Scope Fleet (State Manager associations) is not in this build yet; register a local schedule on each instance instead."), Pattern);

            var pattern = PolicyCatalog.Patterns.FirstOrDefault(p => string.Equals(p, Pattern, StringComparison.OrdinalIgnoreCase));
            if (pattern == null)
                ThrowPatternError(new PatternException("UnknownPattern", PatternErrorCategory.InvalidArgument,
                    $"Unknown pattern '{Pattern}'. Known patterns: {string.Join(", ", PolicyCatalog.Patterns)}."), Pattern);

            var root = ScheduleCmdletSupport.ResolveRoot(this, Root);
            var job = new LocalJobDefinition
            {
                Name = Name ?? pattern!.ToLowerInvariant(),
                Pattern = pattern!,
                Command = ScheduleCmdletSupport.CommandText(Command),
                Schedule = Schedule,
                Backend = Backend == null ? ScheduleCmdletSupport.DetectLocalBackend() : (ScheduleBackend)Enum.Parse(typeof(ScheduleBackend), Backend),
                PwshPath = PwshPath ?? DefaultPwsh(),
                ModulePath = ModulePath ?? Path.Combine(MyInvocation.MyCommand.Module?.ModuleBase ?? "", "CloudDesignPatterns.psd1"),
                RunAs = RunAs,
            };

            LocalSchedulePlan plan;
            try { plan = LocalScheduleStore.Plan(job, root); }
            catch (PatternException e) { ThrowPatternError(e, Schedule); return; }

            if (plan.Action == ScheduleAction.Unchanged)
            {
                WriteObject(LocalScheduleStore.Apply(plan, activate: false, Log));
                return;
            }
            var target = $"{plan.Job.Backend} job '{plan.Job.Name}' under {root}";
            var action = $"{(plan.Action == ScheduleAction.Created ? "Create" : "Rewrite")} ({plan.Job.Schedule} → {plan.BackendSchedule}): {string.Join(", ", plan.Files.Keys)}";
            if (!(Force && !WhatIfRequested) && !ShouldProcess(target, action)) return;

            try { WriteObject(LocalScheduleStore.Apply(plan, ScheduleCmdletSupport.IsLive(root), Log)); }
            catch (PatternException e) { WritePatternError(e, plan.Job.Name); }
            catch (IOException e) { WriteError(new ErrorRecord(e, "ScheduleWriteFailed", ErrorCategory.WriteError, plan.Job.Name)); }
            catch (UnauthorizedAccessException e) { WriteError(new ErrorRecord(e, "ScheduleWriteDenied", ErrorCategory.PermissionDenied, plan.Job.Name)); }
        }

        private bool WhatIfRequested => MyInvocation.BoundParameters.ContainsKey("WhatIf");

        private CmdletOperationLog Log => new CmdletOperationLog(this);

        private string DefaultPwsh()
        {
            var home = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
            var exe = Path.Combine(home, ScheduleCmdletSupport.IsWindows ? "pwsh.exe" : "pwsh");
            return File.Exists(exe) ? exe : (ScheduleCmdletSupport.IsWindows ? "pwsh.exe" : "/usr/bin/pwsh");
        }
    }
}
