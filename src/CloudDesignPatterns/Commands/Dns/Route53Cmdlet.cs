using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Dns;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Dns
{
    /// <summary>
    /// The parameters Set- and Get-Route53Failover share (the zone, the name, its type, -Self) and their checks, made
    /// before any call. Route 53 is global: -Region only labels the result and, with -Self, must be the instance's.
    /// </summary>
    public abstract class Route53Cmdlet : AwsCmdlet
    {
        protected const string ZoneIdSet = "HostedZoneId";
        protected const string ZoneNameSet = "ZoneName";

        /// <summary>The hosted zone's id (Z…); on the instance, cdp:dns:hosted-zone-id when omitted.</summary>
        [Parameter(ParameterSetName = ZoneIdSet, ValueFromPipelineByPropertyName = true)]
        public string? HostedZoneId { get; set; }

        /// <summary>The hosted zone's name (example.com); looked up with ListHostedZonesByName.</summary>
        [Parameter(ParameterSetName = ZoneNameSet, Mandatory = true)]
        public string? ZoneName { get; set; }

        /// <summary>With -ZoneName: the private zone of that name (split horizon).</summary>
        [Parameter(ParameterSetName = ZoneNameSet)]
        public SwitchParameter PrivateZone { get; set; }

        /// <summary>With -ZoneName: the private zone of that name associated with this VPC.</summary>
        [Parameter(ParameterSetName = ZoneNameSet)]
        public string? VpcId { get; set; }

        /// <summary>The name that fails over (app.example.com; the trailing dot and case do not matter).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? RecordName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("A", "AAAA", "CNAME")]
        public string Type { get; set; } = "A";

        /// <summary>This instance (instance metadata): its cdp:dns:* settings fill what is not given.</summary>
        [Parameter] public SwitchParameter Self { get; set; }

        protected HostedZoneSelector ZoneSelector(string? zoneIdFromSettings = null) => new HostedZoneSelector
        {
            Id = HostedZoneId ?? zoneIdFromSettings, Name = ZoneName, PrivateZone = PrivateZone, VpcId = VpcId,
        };

        /// <summary>Checks the zone selector; a bad value ends the command before any call.</summary>
        protected void CheckZoneInput(HostedZoneSelector selector)
        {
            if (selector.Id == null && selector.Name == null)
                ThrowArgumentError("HostedZoneRequired", "Give -HostedZoneId or -ZoneName (on the instance, cdp:dns:hosted-zone-id can supply the id).", null);
            Guard(() => DnsInputChecks.CheckZoneSelector(selector), selector.ToString());
        }

        /// <summary>Runs a check; its PatternException ends the command as an error on <paramref name="target"/>.</summary>
        protected void Guard(System.Action check, object? target)
        {
            try { check(); }
            catch (PatternException error) { ThrowPatternError(error, target); }
        }

        /// <summary>
        /// The resolved context and a Route 53 session in it. A machine with no region at all still reaches Route 53
        /// (it is global): the context then says us-east-1.
        /// </summary>
        internal async Task<Route53Session> OpenRoute53Async(IOperationLog log, CancellationToken cancel)
        {
            var resolver = new AwsContextResolver();
            AwsContext context;
            try { context = await resolver.ResolveAsync(ConnectionSettings(), log, cancel).ConfigureAwait(false); }
            catch (PatternException error) when (error.ErrorId == "RegionNotResolved")
            {
                var settings = ConnectionSettings();
                settings.Region = "us-east-1"; // Route 53 signs for us-east-1 whatever the region
                log.Debug("No region resolved: Route 53 is global, so the command goes on as us-east-1.");
                context = await resolver.ResolveAsync(settings, log, cancel).ConfigureAwait(false);
            }
            return new Route53Session(context, log);
        }

        /// <summary>
        /// For -Self: this instance's cdp:dns:* settings and address. The parameters of <paramref name="settingParameters"/>
        /// that were typed win over the tags and user data.
        /// </summary>
        internal Task<DnsSelfSettings> ReadSelfAsync(Route53Session route53, bool publicAddress, CancellationToken cancel, params string[] settingParameters)
        {
            var typed = new Dictionary<string, object?>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var name in settingParameters)
                if (MyInvocation.BoundParameters.TryGetValue(name, out var value)) typed[name] = value;
            return DnsSelfResolver.ResolveAsync(typed, publicAddress, () => OpenEc2Async(route53.Log, cancel), route53.Log, cancel);
        }
    }
}
