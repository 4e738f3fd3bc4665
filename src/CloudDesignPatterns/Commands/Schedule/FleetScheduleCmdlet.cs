using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Ssm;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Schedule
{
    /// <summary>
    /// The schedule cmdlets: local ones need no AWS connection, fleet ones (-Scope Fleet) talk to State Manager in the
    /// resolved region with the usual connection parameters (-Region, -ProfileName, -EndpointUrl…).
    /// </summary>
    public abstract class ScheduleCmdlet : AwsCmdlet
    {
        /// <summary>Resolves the context (validating the region) and opens SSM and EC2 sessions in it.</summary>
        internal async Task<(SsmSession Ssm, Ec2Session Ec2)> OpenFleetAsync(IOperationLog log, CancellationToken cancel)
        {
            var ec2 = await OpenEc2Async(log, cancel).ConfigureAwait(false);
            return (new SsmSession(ec2.Context, log), ec2);
        }
    }
}
