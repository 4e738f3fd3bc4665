using System;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Commands.Sandbox
{
    /// <summary>
    /// Changes a running sandbox: the current instance (what instance metadata answers for), injected faults,
    /// principals whose calls are checked against IAM policies, and the call log.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PatternSandbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "Settings")]
    public sealed class SetPatternSandboxCommand : PatternCmdlet
    {
        /// <summary>A sandbox in another process; the session's own sandbox when omitted.</summary>
        [Parameter] public string? EndpointUrl { get; set; }

        [Parameter(ParameterSetName = "Settings")]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string? CurrentInstanceId { get; set; }

        [Parameter(ParameterSetName = "Settings")] [ValidateRange(1, 100000)] public int ThrottleBurst { get; set; }
        [Parameter(ParameterSetName = "Settings")] [ValidateRange(0.001, 100000)] public double ThrottleRefillPerSecond { get; set; } = 1;
        /// <summary>Mutating (default: only calls that change something take tokens, as EC2 does) or All.</summary>
        // Parameter types stay in the default load context: enums of the isolated sandbox would not resolve at import.
        [Parameter(ParameterSetName = "Settings")] [ValidateSet("Mutating", "All")] public string ThrottleScope { get; set; } = "Mutating";

        [Parameter(ParameterSetName = "Settings")] [ValidateRange(1, 100000)] public int FailNext { get; set; }
        [Parameter(ParameterSetName = "Settings")] [ValidateSet("500", "503")] public string FailStatusCode { get; set; } = "500";
        /// <summary>BeforeExecute (the action does not run) or AfterExecute (it takes effect, then the answer is the 5xx).</summary>
        [Parameter(ParameterSetName = "Settings")] [ValidateSet("BeforeExecute", "AfterExecute")] public string FailMode { get; set; } = "BeforeExecute";

        [Parameter(ParameterSetName = "Settings")] [ValidateRange(1, 100000)] public int DropNext { get; set; }
        /// <summary>BeforeExecute (nothing happens) or AfterExecute (the action takes effect, then the connection drops).</summary>
        [Parameter(ParameterSetName = "Settings")] [ValidateSet("BeforeExecute", "AfterExecute")] public string DropMode { get; set; } = "BeforeExecute";

        /// <summary>Limits -FailNext and -DropNext to calls of one action (e.g. CreateSnapshots).</summary>
        [Parameter(ParameterSetName = "Settings")] public string? FaultAction { get; set; }

        [Parameter(ParameterSetName = "Settings")] [ValidateRange(0, 60000)] public int LatencyMs { get; set; } = -1;

        [Parameter(ParameterSetName = "Settings")] public SwitchParameter ImdsDown { get; set; }

        [Parameter(ParameterSetName = "Settings")] public SwitchParameter ClearFaults { get; set; }

        [Parameter(ParameterSetName = "Settings")] public SwitchParameter ClearCalls { get; set; }

        /// <summary>Route 53 drills: the health check whose checkers' answer -HealthCheckStatus sets.</summary>
        [Parameter(ParameterSetName = "HealthCheck", Mandatory = true)] public string HealthCheckId { get; set; } = "";
        [Parameter(ParameterSetName = "HealthCheck", Mandatory = true)] [ValidateSet("Healthy", "Unhealthy")] public string HealthCheckStatus { get; set; } = "Healthy";

        /// <summary>How long a Route 53 change stays PENDING before GetChange reports INSYNC.</summary>
        [Parameter(ParameterSetName = "Settings")] [ValidateRange(0, 3600)] public double Route53ChangeDelaySec { get; set; } = -1;

        /// <summary>Register a principal: calls signed with this access key are checked against -Policy.</summary>
        [Parameter(ParameterSetName = "Principal", Mandatory = true)] public string AccessKeyId { get; set; } = "";
        [Parameter(ParameterSetName = "Principal")] public string? SecretAccessKey { get; set; }
        [Parameter(ParameterSetName = "Principal", Mandatory = true)] public string PrincipalArn { get; set; } = "";

        /// <summary>Policy documents: JSON strings or IamPolicy objects from Get-PatternIamPolicy.</summary>
        [Parameter(ParameterSetName = "Principal", Mandatory = true, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = "Role", Mandatory = true, ValueFromPipeline = true)]
        public object[] Policy { get; set; } = Array.Empty<object>();

        /// <summary>Enforce -Policy for the credentials instance metadata issues for this instance role.</summary>
        [Parameter(ParameterSetName = "Role", Mandatory = true)] public string RoleName { get; set; } = "";

        [Parameter(ParameterSetName = "RemovePrincipal", Mandatory = true)] public string RemovePrincipal { get; set; } = "";

        /// <summary>Run a State Manager association now on every target instance (a child pwsh each); writes the execution id.</summary>
        [Parameter(ParameterSetName = "RunAssociation", Mandatory = true)] public string RunAssociation { get; set; } = "";

        private readonly System.Collections.Generic.List<string> policies = new System.Collections.Generic.List<string>();

        protected override void ProcessRecord()
        {
            foreach (var item in Policy)
            {
                var value = item is PSObject pso ? pso.BaseObject : item;
                policies.Add(value is IamPolicy p ? p.Json : value?.ToString() ?? "");
            }
        }

        protected override void EndProcessing()
        {
            var control = SandboxSession.Control(EndpointUrl);
            if (control == null)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("No sandbox is running in this session: run Start-PatternSandbox, or name one with -EndpointUrl."),
                    "NoSandbox", ErrorCategory.ObjectNotFound, null));
            var target = EndpointUrl ?? "sandbox";
            try
            {
                switch (ParameterSetName)
                {
                    case "Principal":
                        if (ShouldProcess(target, $"Enforce {policies.Count} policy document(s) for {AccessKeyId} as {PrincipalArn}"))
                            control!.AddPrincipal(AccessKeyId, SecretAccessKey, PrincipalArn, policies);
                        return;
                    case "Role":
                        if (ShouldProcess(target, $"Enforce {policies.Count} policy document(s) for instance role {RoleName}"))
                            control!.SetRolePolicies(RoleName, policies);
                        return;
                    case "RunAssociation":
                        if (ShouldProcess(target, $"Run association {RunAssociation} on its target instances"))
                            WriteObject(control!.RunAssociation(RunAssociation, PwshPath(), SandboxEndpoint()));
                        return;
                    case "HealthCheck":
                        if (ShouldProcess(target, $"Report health check {HealthCheckId} as {HealthCheckStatus}"))
                            control!.SetHealthCheckStatus(HealthCheckId, HealthCheckStatus == "Healthy");
                        return;
                    case "RemovePrincipal":
                        if (ShouldProcess(target, $"Remove principal {RemovePrincipal}") && !control!.RemovePrincipal(RemovePrincipal))
                            WriteWarning($"No principal with access key {RemovePrincipal} was registered.");
                        return;
                }
                ApplySettings(control!, target);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidSandboxSetting", ErrorCategory.InvalidArgument, target));
            }
        }

        private string SandboxEndpoint()
            => EndpointUrl ?? SandboxSession.All.Select(e => e.Info.EndpointUrl).FirstOrDefault()
               ?? throw new ArgumentException("No sandbox endpoint is known: pass -EndpointUrl.");

        /// <summary>The pwsh of this session: what the association's targets run their commands in.</summary>
        private string PwshPath()
        {
            var home = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
            var windows = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);
            var exe = System.IO.Path.Combine(home, windows ? "pwsh.exe" : "pwsh");
            return System.IO.File.Exists(exe) ? exe : "pwsh";
        }

        private void ApplySettings(ISandboxControl control, string target)
        {
            if (CurrentInstanceId != null && ShouldProcess(target, $"Make {CurrentInstanceId} the current instance"))
            {
                control.SetCurrentInstance(CurrentInstanceId);
                foreach (var entry in SandboxSession.All.Where(e => EndpointUrl == null || e.Info.EndpointUrl.TrimEnd('/') == EndpointUrl.TrimEnd('/')))
                    entry.Info.CurrentInstanceId = CurrentInstanceId;
            }
            if (ClearCalls && ShouldProcess(target, "Clear the call log")) control.ClearCalls();
            if (Route53ChangeDelaySec >= 0 && ShouldProcess(target, $"Keep Route 53 changes PENDING for {Route53ChangeDelaySec} s"))
                control.SetRoute53ChangeDelay(TimeSpan.FromSeconds(Route53ChangeDelaySec));

            var faults = ClearFaults ? new FaultSettings() : control.GetFaults();
            var changed = ClearFaults;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleBurst)))
            {
                faults.Throttle = new ThrottleFault { Burst = ThrottleBurst, RefillPerSecond = ThrottleRefillPerSecond, Scope = (ThrottleScope)Enum.Parse(typeof(ThrottleScope), ThrottleScope, true) };
                changed = true;
            }
            if (FailNext > 0) { faults.ServerErrors = new ServerErrorFault { Count = FailNext, StatusCode = int.Parse(FailStatusCode), Action = FaultAction, Mode = (DropMode)Enum.Parse(typeof(DropMode), FailMode, true) }; changed = true; }
            if (DropNext > 0) { faults.Drops = new DropFault { Count = DropNext, Mode = (DropMode)Enum.Parse(typeof(DropMode), DropMode, true), Action = FaultAction }; changed = true; }
            if (LatencyMs >= 0) { faults.LatencyMs = LatencyMs; changed = true; }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ImdsDown))) { faults.ImdsDown = ImdsDown.IsPresent; changed = true; }
            if (changed && ShouldProcess(target, "Set faults")) control.SetFaults(faults);
        }
    }
}
