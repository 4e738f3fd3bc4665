using System.Management.Automation;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Core
{
    /// <summary>Shows the session defaults (never anything resolved from elsewhere, and never a secret).</summary>
    [Cmdlet(VerbsCommon.Get, "PatternDefault")]
    [OutputType(typeof(PatternDefault))]
    public sealed class GetPatternDefaultCommand : PatternCmdlet
    {
        protected override void EndProcessing() => WriteObject(DefaultsView.Current());
    }

    internal static class DefaultsView
    {
        public static PatternDefault Current()
        {
            var d = SessionDefaults.Current;
            return new PatternDefault { Region = d.Region, ProfileName = d.ProfileName, EndpointUrl = d.EndpointUrl };
        }
    }
}
