using System.Collections.Generic;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>In-process control of a sandbox started in this process.</summary>
    public sealed class SandboxControl : ISandboxControl
    {
        private readonly SandboxState _state;

        internal SandboxControl(SandboxState state) => _state = state;

        public string? CurrentInstanceId => _state.CurrentInstanceId;
        public void SetCurrentInstance(string instanceId) => _state.SetCurrentInstance(instanceId);

        public FaultSettings GetFaults() => _state.Faults.Get();
        public void SetFaults(FaultSettings faults) => _state.Faults.Set(faults);
        public void ClearFaults() => _state.Faults.Clear();

        public void AddPrincipal(string accessKeyId, string? secretAccessKey, string arn, IReadOnlyList<string> policies)
            => _state.Principals.AddPrincipal(accessKeyId, secretAccessKey, arn, policies);
        public bool RemovePrincipal(string accessKeyId) => _state.Principals.RemovePrincipal(accessKeyId);
        public void SetRolePolicies(string roleName, IReadOnlyList<string> policies) => _state.Principals.SetRolePolicies(roleName, policies);

        public IReadOnlyList<SandboxCall> GetCalls(long afterSequence = 0) => _state.Calls.After(afterSequence);
        public void ClearCalls() => _state.Calls.Clear();

        public string RunAssociation(string associationId, string pwshPath, string endpointUrl)
            => new Ssm.AssociationRunner(_state).Run(associationId, pwshPath, endpointUrl);
        public void SetHealthCheckStatus(string healthCheckId, bool healthy) => _state.Route53.SetHealthCheckStatus(healthCheckId, healthy);
        public void SetRoute53ChangeDelay(System.TimeSpan delay)
        {
            if (delay < System.TimeSpan.Zero) throw new System.ArgumentException("The change delay cannot be negative.");
            _state.Route53.ChangeDelay = delay;
        }
    }
}
