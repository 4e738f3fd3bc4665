using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.FloatingIp;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Commands.FloatingIp
{
    /// <summary>
    /// Where a floating address is now: the instance and interface holding an Elastic IP (and the private address it maps
    /// to) or a secondary private IP. Without an address, every Elastic IP of the region; with -Self, the address named by
    /// this instance's cdp:floating-ip:* settings. Read-only.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FloatingIp", DefaultParameterSetName = AddressSet)]
    [OutputType(typeof(FloatingIpAddress))]
    public sealed class GetFloatingIpCommand : FloatingIpCmdlet
    {
        private const string AddressSet = "Address";
        private const string SelfSet = "Self";

        /// <summary>The address this instance's cdp:floating-ip:* settings name (when none is typed).</summary>
        [Parameter(ParameterSetName = SelfSet, Mandatory = true)]
        public SwitchParameter Self { get; set; }

        protected override void ProcessRecord()
        {
            CheckAddressInput();
            try
            {
                var found = RunOrThrow(async (log, ct) =>
                {
                    var ec2 = await OpenEc2Async(log, ct).ConfigureAwait(false);
                    if (!Self && !AddressTyped) return await FloatingIpReader.ListElasticIpsAsync(ec2, ct).ConfigureAwait(false);
                    var request = await FloatingIpRequestResolver.ResolveAsync(ec2, AllocationId, PublicIp, PrivateIp, null, null, null, Self, ct).ConfigureAwait(false);
                    return new[] { await FloatingIpReader.ReadAsync(ec2, request.Address, request.VpcId, ct).ConfigureAwait(false) };
                }, (object?)AllocationId ?? PublicIp ?? PrivateIp ?? "all");
                foreach (var address in found) WriteObject(address);
            }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); }
        }
    }
}
