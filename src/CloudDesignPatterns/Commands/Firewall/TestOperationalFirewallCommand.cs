using System.Management.Automation;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>$true when AWS matches the declaration (extra rules and attachments count as drift); changes nothing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "OperationalFirewall", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(bool), typeof(FirewallDrift))]
    public sealed class TestOperationalFirewallCommand : FirewallCmdlet
    {
        /// <summary>The drift records instead of $true/$false.</summary>
        [Parameter] public SwitchParameter Detailed { get; set; }

        protected override void EndProcessing()
        {
            var declaration = ReadDeclaration();
            var (region, plan) = RunOrThrow(async (log, ct) =>
            {
                var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                var vpc = await FirewallReader.ResolveVpcAsync(ec2, declaration.VpcId, ct).ConfigureAwait(false);
                return (ec2.Region, FirewallPlanner.Plan(declaration, await FirewallReader.ReadAsync(ec2, vpc, ct).ConfigureAwait(false), prune: true));
            });
            if (Detailed) foreach (var d in FirewallViews.Drift(plan, region)) WriteObject(d);
            else WriteObject(plan.Drift.Count == 0);
        }
    }
}
