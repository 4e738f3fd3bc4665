using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Core
{
    /// <summary>Who am I: the current instance's identity through IMDSv2, within a 2-second budget.</summary>
    [Cmdlet(VerbsCommon.Get, "PatternInstanceMetadata")]
    [OutputType(typeof(InstanceIdentity))]
    public sealed class GetPatternInstanceMetadataCommand : PatternCmdlet
    {
        protected override void EndProcessing()
        {
            var imds = ImdsClient.ForCurrentEnvironment();
            try
            {
                WriteObject(Run((log, ct) => new InstanceIdentityReader(imds).ReadAsync(ct)));
            }
            catch (PatternException error)
            {
                ThrowPatternError(error, imds.Settings.Endpoint.ToString());
            }
        }
    }
}
