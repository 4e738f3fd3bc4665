using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Engine.Schedules.Fleet;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Engine.Ssm;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// Schedules a pattern's command on this machine's own scheduler (systemd timer, cron, Task Scheduler), or with
    /// -Scope Fleet as a State Manager association on the instances a tag selects. Every refusal (an expression that
    /// does not parse, too frequent for the backend, a job of that name with another definition, a tag that selects
    /// nothing) comes before any file is written or any association created.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "PatternSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PatternSchedule))]
    public sealed class RegisterPatternScheduleCommand : ScheduleCmdlet
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

        /// <summary>Fleet: the tag that selects the instances, key=value (cdp:snapshot:policy=nightly) or a key alone.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TargetTag { get; set; }

        /// <summary>Fleet: how many instances run at once, a count or a percentage (State Manager's MaxConcurrency).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string MaxConcurrency { get; set; } = "10%";

        /// <summary>Fleet: how many failed instances stop the run, a count or a percentage (State Manager's MaxErrors).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string MaxErrors { get; set; } = "10%";

        /// <summary>Fleet: where the instances get the module: its path on the instances, or s3://bucket/key.zip of the module folder.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ModuleSource { get; set; }

        /// <summary>Local: skips the confirmation prompt only. Fleet: also updates a job registered with another definition.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var pattern = PolicyCatalog.Patterns.FirstOrDefault(p => string.Equals(p, Pattern, StringComparison.OrdinalIgnoreCase));
            if (pattern == null)
                ThrowPatternError(new PatternException("UnknownPattern", PatternErrorCategory.InvalidArgument,
                    $"Unknown pattern '{Pattern}'. Known patterns: {string.Join(", ", PolicyCatalog.Patterns)}."), Pattern);

            if (Scope == ScheduleScope.Fleet) { RegisterFleet(pattern!); return; }

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
            if (plan.HostTimeWarning != null) WriteWarning(plan.HostTimeWarning);
            var target = $"{plan.Job.Backend} job '{plan.Job.Name}' under {root}";
            var action = $"{(plan.Action == ScheduleAction.Created ? "Create" : "Rewrite")} ({plan.Job.Schedule} → {plan.BackendSchedule}): {string.Join(", ", plan.Files.Keys)}";
            if (!(Force && !WhatIfRequested) && !ShouldProcess(target, action)) return;

            try { WriteObject(LocalScheduleStore.Apply(plan, ScheduleCmdletSupport.IsLive(root), Log)); }
            catch (PatternException e) { WritePatternError(e, plan.Job.Name); }
            catch (IOException e) { WriteError(new ErrorRecord(e, "ScheduleWriteFailed", ErrorCategory.WriteError, plan.Job.Name)); }
            catch (UnauthorizedAccessException e) { WriteError(new ErrorRecord(e, "ScheduleWriteDenied", ErrorCategory.PermissionDenied, plan.Job.Name)); }
        }

        /// <summary>
        /// A State Manager association: every input check first (no AWS call), then the plan (the association of that
        /// name, the instances the tag selects), one ShouldProcess, create or update, and the read-back.
        /// </summary>
        private void RegisterFleet(string pattern)
        {
            var job = new FleetJobDefinition
            {
                Name = Name ?? pattern.ToLowerInvariant(), Pattern = pattern, Command = ScheduleCmdletSupport.CommandText(Command), Schedule = Schedule,
                TargetTag = TargetTag ?? "", MaxConcurrency = MaxConcurrency, MaxErrors = MaxErrors, ModuleSource = ModuleSource ?? "",
            };
            if (TargetTag == null)
                ThrowPatternError(new PatternException("TargetTagMissing", PatternErrorCategory.InvalidArgument,
                    "-TargetTag is required for a fleet schedule: the tag that selects the instances, e.g. cdp:snapshot:policy=nightly."), job.Name);
            try { FleetScheduleStore.ValidateInput(job); }
            catch (PatternException e) { ThrowPatternError(e, Schedule); }

            SsmSession? ssm = null;
            var plan = RunOrThrow(async (log, ct) =>
            {
                var sessions = await OpenFleetAsync(log, ct).ConfigureAwait(false);
                ssm = sessions.Ssm;
                return await FleetScheduleStore.PlanAsync(sessions.Ssm, sessions.Ec2, job, Force, ct).ConfigureAwait(false);
            }, job.Name);

            if (plan.Action != ScheduleAction.Unchanged)
            {
                var target = $"State Manager association {job.AssociationName} ({ssm!.Region})";
                var action = $"{(plan.Action == ScheduleAction.Created ? "Create" : "Update " + plan.AssociationId)}: AWS-RunPowerShellScript {job.Schedule} " +
                             $"on the {plan.TargetInstances.Count} instance(s) tagged {job.TargetTag} (MaxConcurrency {job.MaxConcurrency}, MaxErrors {job.MaxErrors})";
                if (!(Force && !WhatIfRequested) && !ShouldProcess(target, action)) return;
            }
            try { WriteObject(Run((log, ct) => FleetScheduleStore.ApplyAsync(ssm!.WithLog(log), plan, ct))); }
            catch (PatternException e) { WritePatternError(e, job.Name); }
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
