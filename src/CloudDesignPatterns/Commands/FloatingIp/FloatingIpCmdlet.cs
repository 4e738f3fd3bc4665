using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.FloatingIp;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.FloatingIp
{
    /// <summary>
    /// The address parameters Move- and Get-FloatingIp share (-AllocationId, -PublicIp, -PrivateIp) and their checks,
    /// made before any AWS call so a typo never reaches EC2.
    /// </summary>
    public abstract class FloatingIpCmdlet : AwsCmdlet
    {
        /// <summary>The Elastic IP by allocation id; cdp:floating-ip:allocation-id with -Self.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AllocationIdCompleter))]
        public string? AllocationId { get; set; }

        /// <summary>The Elastic IP by its public address; cdp:floating-ip:public-ip with -Self.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? PublicIp { get; set; }

        /// <summary>A secondary private IP; cdp:floating-ip:private-ip with -Self.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? PrivateIp { get; set; }

        protected bool AddressTyped => AllocationId != null || PublicIp != null || PrivateIp != null;

        /// <summary>Checks the form of the typed address (when one is typed); a bad value ends the command before any call.</summary>
        protected void CheckAddressInput()
        {
            if (!AddressTyped) return;
            try { FloatingAddressSpec.From(AllocationId, PublicIp, PrivateIp); }
            catch (PatternException invalid) { ThrowArgumentError(invalid.ErrorId, invalid.Message, (object?)AllocationId ?? PublicIp ?? PrivateIp); }
        }

        protected void CheckId(ResourceKind kind, string? id, string parameterName, string errorId)
        {
            try { ResourceId.Require(kind, id, parameterName); }
            catch (System.ArgumentException invalid) { ThrowTerminatingError(new ErrorRecord(invalid, errorId, ErrorCategory.InvalidArgument, id)); }
        }
    }
}
