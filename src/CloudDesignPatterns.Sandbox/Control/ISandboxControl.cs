using System.Collections.Generic;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>
    /// Drives a running sandbox: which instance "we" are, injected faults, enforced principals, and the call log.
    /// Implemented in-process (<see cref="SandboxControl"/>) and over HTTP (<see cref="SandboxControlClient"/>).
    /// </summary>
    public interface ISandboxControl
    {
        /// <summary>The instance instance metadata answers for; null when none is set.</summary>
        string? CurrentInstanceId { get; }

        /// <summary>Throws <see cref="System.ArgumentException"/> when the sandbox has no such instance.</summary>
        void SetCurrentInstance(string instanceId);

        /// <summary>The active faults, with the counts still remaining.</summary>
        FaultSettings GetFaults();
        /// <summary>Replaces all faults (a fresh throttle bucket starts full).</summary>
        void SetFaults(FaultSettings faults);
        void ClearFaults();

        /// <summary>Registers an access key whose calls are checked against <paramref name="policies"/>.</summary>
        void AddPrincipal(string accessKeyId, string? secretAccessKey, string arn, IReadOnlyList<string> policies);
        /// <summary>False when the key was not registered.</summary>
        bool RemovePrincipal(string accessKeyId);
        /// <summary>Policies enforced for credentials instance metadata issues for this role.</summary>
        void SetRolePolicies(string roleName, IReadOnlyList<string> policies);

        /// <summary>Recorded calls with a sequence number greater than <paramref name="afterSequence"/>, oldest first.</summary>
        IReadOnlyList<SandboxCall> GetCalls(long afterSequence = 0);
        void ClearCalls();

        /// <summary>
        /// Runs a State Manager association now: its commands in a child pwsh (at pwshPath) per target instance, with that
        /// instance's metadata, against the sandbox at endpointUrl. Returns the execution id once every target has run.
        /// </summary>
        string RunAssociation(string associationId, string pwshPath, string endpointUrl);
        /// <summary>What Route 53's health checkers report for a health check from now on (drills, tests).</summary>
        void SetHealthCheckStatus(string healthCheckId, bool healthy);
        /// <summary>How long a Route 53 change stays PENDING before GetChange reports INSYNC.</summary>
        void SetRoute53ChangeDelay(System.TimeSpan delay);
    }
}
