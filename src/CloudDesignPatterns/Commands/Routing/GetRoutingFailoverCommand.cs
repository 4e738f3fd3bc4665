using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Routing;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Commands.Routing
{
    /// <summary>
    /// Where each route table sends a virtual IP — interface, instance and state (blackholes included). Describes only.
    /// Without -VirtualIp, on an instance, cdp:routing:virtual-ip (and cdp:routing:route-table-id) supply it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RoutingFailover")]
    [OutputType(typeof(RoutingFailoverRoute))]
    public sealed class GetRoutingFailoverCommand : RoutingCmdlet
    {
        protected override void ProcessRecord()
        {
            CheckRoutingInput();
            System.Collections.Generic.IReadOnlyList<RoutingFailoverRoute> routes;
            try
            {
                routes = Run(async (log, ct) =>
                {
                    var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    var request = await RoutingRequestResolver.ResolveAsync(ec2, VirtualIp, TableIds, null, self: VirtualIp == null, selfIsTarget: false, ct).ConfigureAwait(false);
                    return await RoutingStatus.GetAsync(ec2, request, ct).ConfigureAwait(false);
                });
            }
            catch (PatternException error) { ThrowPatternError(error, VirtualIp ?? "self"); return; }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); return; }
            if (routes.Count == 0) WriteWarning($"No route table has a route for {VirtualIp ?? "the configured virtual IP"}.");
            foreach (var route in routes) WriteObject(route);
        }
    }
}
