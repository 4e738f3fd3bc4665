using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Routing;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Commands.Routing
{
    /// <summary>
    /// $true when every route table sends the virtual IP to the expected node (this instance by default) over an
    /// active route. Describes only, never a change, so monitoring (a Pacemaker monitor, a cron check) can call it freely.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "RoutingFailover", DefaultParameterSetName = SelfSet)]
    [OutputType(typeof(bool), typeof(RoutingFailoverTest))]
    public sealed class TestRoutingFailoverCommand : RoutingCmdlet
    {
        private const string SelfSet = "Self";
        private const string InstanceSet = "InstanceId";
        private const string InterfaceSet = "NetworkInterfaceId";

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; } = "";

        [Parameter(ParameterSetName = InterfaceSet, Mandatory = true)]
        [ArgumentCompleter(typeof(NetworkInterfaceIdCompleter))]
        public string NetworkInterfaceId { get; set; } = "";

        /// <summary>Return the records behind the answer (a RoutingFailoverTest) instead of $true/$false.</summary>
        [Parameter] public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            CheckRoutingInput();
            RoutingTarget? target = null;
            if (ParameterSetName == InstanceSet)
            {
                CheckId(ResourceKind.Instance, InstanceId, nameof(InstanceId), "InvalidInstanceId");
                target = RoutingTarget.Instance(InstanceId);
            }
            else if (ParameterSetName == InterfaceSet)
            {
                CheckId(ResourceKind.NetworkInterface, NetworkInterfaceId, nameof(NetworkInterfaceId), "InvalidNetworkInterfaceId");
                target = RoutingTarget.Interface(NetworkInterfaceId);
            }

            RoutingFailoverTest test;
            try
            {
                test = Run(async (log, ct) =>
                {
                    var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    var self = target == null || VirtualIp == null;
                    var request = await RoutingRequestResolver.ResolveAsync(ec2, VirtualIp, TableIds, target, self, selfIsTarget: target == null, ct).ConfigureAwait(false);
                    return await RoutingStatus.TestAsync(ec2, request, ct).ConfigureAwait(false);
                });
            }
            catch (PatternException error) { ThrowPatternError(error, VirtualIp ?? "self"); return; }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }
            if (!test.Passed)
                WriteVerbose(test.Routes.Length == 0
                    ? $"No route table routes {test.VirtualIp}."
                    : $"Not at {test.ExpectedNetworkInterfaceId}: {string.Join(", ", test.Mismatched)}");
            if (Detailed) WriteObject(test);
            else WriteObject(test.Passed);
        }
    }
}
