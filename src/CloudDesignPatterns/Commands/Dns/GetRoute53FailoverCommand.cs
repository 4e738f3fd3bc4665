using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Dns;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Dns;

namespace CloudDesignPatterns.Commands.Dns
{
    /// <summary>
    /// Shows a failover name as Route 53 has it: the PRIMARY/SECONDARY pair (or the one switched record), each side's
    /// health-check status, and the side Route 53 answers with now by its failover rules. Changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Route53Failover", DefaultParameterSetName = ZoneIdSet)]
    [OutputType(typeof(DnsFailoverStatus))]
    public sealed class GetRoute53FailoverCommand : Route53Cmdlet
    {
        protected override void ProcessRecord()
        {
            if (!Self)
            {
                CheckZoneInput(ZoneSelector());
                Guard(() => DnsInputChecks.CheckRecordName(RecordName), RecordName);
            }
            try
            {
                WriteObject(Run(async (log, ct) =>
                {
                    var route53 = await OpenRoute53Async(log, ct).ConfigureAwait(false);
                    var selector = ZoneSelector();
                    var recordName = RecordName;
                    if (Self)
                    {
                        var self = await ReadSelfAsync(route53, false, ct, nameof(HostedZoneId), nameof(RecordName)).ConfigureAwait(false);
                        selector = ZoneSelector(self.HostedZoneId);
                        recordName = self.RecordName;
                        if (selector.Id == null && selector.Name == null)
                            throw new PatternException("HostedZoneRequired", PatternErrorCategory.InvalidArgument,
                                $"No hosted zone: pass -HostedZoneId or -ZoneName, or set cdp:dns:hosted-zone-id on {self.InstanceId}.");
                        DnsInputChecks.CheckZoneSelector(selector);
                    }
                    return await DnsFailoverStatusReader.ReadAsync(route53, selector, DnsInputChecks.CheckRecordName(recordName), Type, ct).ConfigureAwait(false);
                }));
            }
            catch (PatternException error) { ThrowPatternError(error, RecordName ?? "self"); }
            catch (ConfigurationException error) { ThrowTerminatingError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key)); }
        }
    }
}
