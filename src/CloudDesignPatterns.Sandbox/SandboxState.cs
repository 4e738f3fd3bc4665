using System;
using CloudDesignPatterns.Sandbox.Calls;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>Everything one running sandbox shares between its handlers and its control surface.</summary>
    internal sealed class SandboxState
    {
        private volatile string? _currentInstanceId;

        public SandboxState(SandboxServerOptions options)
        {
            Ec2 = options.Ec2 ?? throw new ArgumentException("SandboxServerOptions.Ec2 is required.", nameof(options));
            Instances = options.Instances ?? throw new ArgumentException("SandboxServerOptions.Instances is required.", nameof(options));
            Clock = options.Clock ?? SystemSandboxClock.Instance;
            PolicyDecider = options.PolicyDecider ?? AllowAllPolicyDecider.Instance;
            Principals = new PrincipalRegistry(options.DefaultAccountId);
            Faults = new FaultInjector(Clock);
            Calls = new CallLog(options.CallLogCapacity);
            Route53 = new Route53.Route53State(Clock);
            StartedAt = Clock.UtcNow;
            if (options.CurrentInstanceId != null) SetCurrentInstance(options.CurrentInstanceId);
        }

        public IEc2Service Ec2 { get; }
        public IInstanceDirectory Instances { get; }
        public ISandboxClock Clock { get; }
        public IPolicyDecider PolicyDecider { get; }
        public PrincipalRegistry Principals { get; }
        public FaultInjector Faults { get; }
        public CallLog Calls { get; }
        public Ssm.SsmStore Ssm { get; } = new Ssm.SsmStore();
        public Route53.Route53State Route53 { get; }
        public DateTime StartedAt { get; }

        public string? CurrentInstanceId => _currentInstanceId;

        public void SetCurrentInstance(string instanceId)
        {
            if (string.IsNullOrEmpty(instanceId)) throw new ArgumentException("An instance id is required.", nameof(instanceId));
            if (Instances.Find(instanceId) == null)
                throw new ArgumentException($"The sandbox has no instance '{instanceId}'.", nameof(instanceId));
            _currentInstanceId = instanceId;
        }
    }
}
