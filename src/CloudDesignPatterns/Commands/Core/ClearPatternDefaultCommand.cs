using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Core
{
    /// <summary>Clears session defaults: all of them, or only the ones named by switches.</summary>
    [Cmdlet(VerbsCommon.Clear, "PatternDefault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class ClearPatternDefaultCommand : PatternCmdlet
    {
        [Parameter] public SwitchParameter Region { get; set; }
        [Parameter] public SwitchParameter ProfileName { get; set; }
        [Parameter] public SwitchParameter EndpointUrl { get; set; }

        protected override void EndProcessing()
        {
            var all = !Region && !ProfileName && !EndpointUrl;
            var what = all ? "all session defaults" : string.Join(", ", new[] { Region ? "Region" : null, ProfileName ? "ProfileName" : null, EndpointUrl ? "EndpointUrl" : null }.Where(s => s != null));
            if (!ShouldProcess("session defaults", "Clear " + what)) return;
            SessionDefaults.Clear(all || Region, all || ProfileName, all || EndpointUrl);
        }
    }
}
