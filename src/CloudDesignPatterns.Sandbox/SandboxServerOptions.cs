using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>How to start a <see cref="SandboxServer"/>.</summary>
    public sealed class SandboxServerOptions
    {
        /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }
        /// <summary>Executes EC2 Query actions (required).</summary>
        public IEc2Service? Ec2 { get; set; }
        /// <summary>Instance lookups for instance metadata and the control API (required).</summary>
        public IInstanceDirectory? Instances { get; set; }
        /// <summary>The instance instance metadata answers for ("the machine we run on"); null = none yet.</summary>
        public string? CurrentInstanceId { get; set; }
        /// <summary>IAM decisions for enforced principals; allow-all until the policy evaluator is plugged in.</summary>
        public IPolicyDecider PolicyDecider { get; set; } = AllowAllPolicyDecider.Instance;
        /// <summary>Account of the unchecked default principal (arn:aws:iam::&lt;account&gt;:user/sandbox-admin).</summary>
        public string DefaultAccountId { get; set; } = "123456789012";
        /// <summary>How many calls the call log keeps (oldest dropped first).</summary>
        public int CallLogCapacity { get; set; } = 100_000;
        public ISandboxClock Clock { get; set; } = SystemSandboxClock.Instance;
    }
}
