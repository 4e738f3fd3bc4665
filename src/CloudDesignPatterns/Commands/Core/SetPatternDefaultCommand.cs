using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Core
{
    /// <summary>Sets the session's region, profile or endpoint: used by every cmdlet that is not given its own.</summary>
    [Cmdlet(VerbsCommon.Set, "PatternDefault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PatternDefault))]
    public sealed class SetPatternDefaultCommand : PatternCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Profile")]
        [ArgumentCompleter(typeof(ProfileCompleter))]
        public string? ProfileName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? EndpointUrl { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (Region == null && ProfileName == null && EndpointUrl == null)
                ThrowArgumentError("NothingToSet", "Give at least one of -Region, -ProfileName or -EndpointUrl.", null);
            if (Region != null && !RegionCatalog.HasRegionShape(Region))
                ThrowArgumentError("InvalidRegion", $"'{Region}' is not a region name; expected a name such as 'ap-northeast-1'.", Region);
            if (Region != null && !RegionCatalog.IsKnown(Region) && EndpointUrl == null && SessionDefaults.Current.EndpointUrl == null)
                ThrowArgumentError("UnknownRegion", $"Unknown region '{Region}': the AWS SDK knows no such region.", Region);
            if (ProfileName != null && !ProfileNames.List().Contains(ProfileName))
                ThrowArgumentError("ProfileNotFound", $"The profile '{ProfileName}' is not in the shared config or credentials file.", ProfileName);
            if (EndpointUrl != null)
            {
                try { EndpointResolverFacade.Validate(EndpointUrl); }
                catch (PatternException error) { ThrowPatternError(error, EndpointUrl); }
            }

            var change = string.Join(", ", new[] { Describe("Region", Region), Describe("ProfileName", ProfileName), Describe("EndpointUrl", EndpointUrl) }
                .Where(s => s != null));
            if (!ShouldProcess("session defaults", "Set " + change)) return;
            SessionDefaults.Set(Region, ProfileName, EndpointUrl);
            if (PassThru) WriteObject(DefaultsView.Current());
        }

        private static string? Describe(string name, string? value) => value == null ? null : $"{name}={value}";
    }
}
