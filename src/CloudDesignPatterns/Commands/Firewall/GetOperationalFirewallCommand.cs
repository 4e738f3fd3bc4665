using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>Each team's security group, rules and attachments as AWS holds them (groups tagged cdp:firewall:team).</summary>
    [Cmdlet(VerbsCommon.Get, "OperationalFirewall")]
    [OutputType(typeof(FirewallTeam))]
    public sealed class GetOperationalFirewallCommand : AwsCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Team { get; set; }

        [Parameter]
        [ValidatePattern("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
        public string? VpcId { get; set; }

        protected override void EndProcessing()
        {
            var teams = RunOrThrow(async (log, ct) =>
            {
                var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                var vpc = await FirewallReader.ResolveVpcAsync(ec2, VpcId, ct).ConfigureAwait(false);
                return FirewallViews.Teams(await FirewallReader.ReadAsync(ec2, vpc, ct).ConfigureAwait(false), ec2.Region).ToList();
            });
            var patterns = (Team ?? new[] { "*" }).Select(t => new WildcardPattern(t, WildcardOptions.IgnoreCase)).ToList();
            foreach (var t in teams.Where(t => patterns.Any(p => p.IsMatch(t.Team)))) WriteObject(t);
        }
    }
}
