using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Jobs;
using CloudDesignPatterns.Engine.Schedules.Local;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// The job runner every schedule calls: takes the job's lock (or reports Skipped, exit code 75), runs the command
    /// with $ErrorActionPreference = 'Stop' and no progress, writes one JSON line per AWS call and one summary line to
    /// the host (stdout of a scheduled pwsh), and returns the run with the exit code the scheduler must see.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PatternJob")]
    [OutputType(typeof(PatternJobResult))]
    public sealed class InvokePatternJobCommand : PatternCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        /// <summary>A script block, or a command line as text.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public object Command { get; set; } = null!;

        /// <summary>Where the per-job lock files live (the system temp folder by default).</summary>
        [Parameter]
        public string? LockDirectory { get; set; }

        protected override void ProcessRecord()
        {
            try { LocalJobDefinition.ValidateName(Name); }
            catch (PatternException e) { ThrowPatternError(e, Name); }
            var script = ScriptBlock.Create(ScheduleCmdletSupport.CommandText(Command));
            var run = new PatternJobResult { Name = Name, StartedAt = DateTime.UtcNow };
            var watch = Stopwatch.StartNew();
            var directory = LockDirectory == null ? JobLock.DefaultDirectory : SessionState.Path.GetUnresolvedProviderPathFromPSPath(LockDirectory);

            using (var jobLock = JobLock.TryAcquire(directory, Name))
            {
                if (jobLock == null)
                {
                    run.Status = PatternJobStatus.Skipped;
                    run.ExitCode = PatternJobResult.LockHeldExitCode;
                    run.ErrorId = "JobLockHeld";
                    run.Error = $"Skipped: another run of job '{Name}' holds {JobLock.PathFor(directory, Name)}.";
                }
                else
                {
                    RunCommand(script, run);
                }
            }
            run.DurationMs = watch.ElapsedMilliseconds;
            run.Summary = JobLogLines.Summary(run);
            Line(run.Summary);
            WriteObject(run);
        }

        private void RunCommand(ScriptBlock script, PatternJobResult run)
        {
            var calls = new ConcurrentQueue<AwsCallRecord>();
            void OnCall(AwsCallRecord call) => calls.Enqueue(call);
            AwsCallJournal.Recorded += OnCall;
            try
            {
                using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                // A child scope: the preferences hold for the job's command only, not for the session that called the runner.
                shell.AddScript("param($job) $ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; & $job", useLocalScope: true)
                     .AddParameter("job", script);
                var output = shell.Invoke();
                run.Items = output.Count;
                if (shell.Streams.Error.Count > 0) Fail(run, shell.Streams.Error[0]);
                else run.Status = PatternJobStatus.Succeeded;
            }
            catch (RuntimeException e)
            {
                Fail(run, e.ErrorRecord);
            }
            finally
            {
                AwsCallJournal.Recorded -= OnCall;
                foreach (var call in calls)
                {
                    run.AwsCalls++;
                    if (call.Outcome != "OK") run.FailedAwsCalls++;
                    Line(JobLogLines.AwsCall(Name, call));
                }
            }
            run.ExitCode = run.Status == PatternJobStatus.Succeeded ? PatternJobResult.SucceededExitCode : PatternJobResult.FailedExitCode;
        }

        private static void Fail(PatternJobResult run, ErrorRecord record)
        {
            run.Status = PatternJobStatus.Failed;
            var inner = record.Exception;
            while (inner is ActionPreferenceStopException stop && stop.ErrorRecord?.Exception != null && stop.ErrorRecord.Exception != inner)
                inner = stop.ErrorRecord.Exception;
            run.ErrorId = inner is PatternException pattern ? pattern.ErrorId : record.FullyQualifiedErrorId;
            run.AwsErrorCode = (inner as PatternException)?.AwsErrorCode;
            run.Error = inner?.Message ?? record.ToString();
        }

        /// <summary>As Write-Host does: shown on stdout whatever $InformationPreference says, and capturable with 6>.</summary>
        private void Line(string text)
            => WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST", "PatternJob" });
    }
}
