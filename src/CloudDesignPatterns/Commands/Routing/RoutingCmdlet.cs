using System;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Routing;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Routing
{
    /// <summary>
    /// The parameters Set-, Get- and Test-RoutingFailover share (-VirtualIp, -RouteTableId) and their checks, made
    /// before any AWS call so a typo never reaches EC2.
    /// </summary>
    public abstract class RoutingCmdlet : AwsCmdlet
    {
        /// <summary>The virtual IP (IPv4, optionally /32); on the instance, cdp:routing:virtual-ip when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? VirtualIp { get; set; }

        /// <summary>The route tables; cdp:routing:route-table-id or discovery (tables with a route for the virtual IP) when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RouteTableIdCompleter))]
        public string[]? RouteTableId { get; set; }

        /// <summary>Checks the form of -VirtualIp and -RouteTableId; a bad value ends the command before any call.</summary>
        protected void CheckRoutingInput()
        {
            if (VirtualIp != null && !Engine.Routing.VirtualIp.TryParse(VirtualIp, out _))
                ThrowArgumentError("InvalidVirtualIp",
                    $"-VirtualIp '{VirtualIp}' is not a virtual IP: give one IPv4 address such as 100.64.0.10 (optionally with /32).", VirtualIp);
            foreach (var id in RouteTableId ?? Array.Empty<string>()) CheckId(ResourceKind.RouteTable, id, nameof(RouteTableId), "InvalidRouteTableId");
        }

        protected void CheckId(ResourceKind kind, string? id, string parameterName, string errorId)
        {
            try { ResourceId.Require(kind, id, parameterName); }
            catch (ArgumentException invalid) { ThrowTerminatingError(new ErrorRecord(invalid, errorId, ErrorCategory.InvalidArgument, id)); }
        }

        /// <summary>-RouteTableId without duplicates, or null when not given.</summary>
        protected string[]? TableIds => RouteTableId == null || RouteTableId.Length == 0 ? null : RouteTableId.Distinct(StringComparer.Ordinal).ToArray();
    }
}
