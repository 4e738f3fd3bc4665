using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Narrows a pattern's policy to named resources where the service has no tag conditions to do it (Route 53 zones):
    /// Get-PatternIamPolicy -HostedZoneId and -RecordName.
    /// </summary>
    public sealed class PolicyScope
    {
        public PolicyScope(string? hostedZoneId, IEnumerable<string>? recordNames)
        {
            HostedZoneId = hostedZoneId?.Substring(hostedZoneId.LastIndexOf('/') + 1);
            // Route 53's route53:ChangeResourceRecordSetsNormalizedRecordNames values: lower case, no trailing dot.
            RecordNames = (recordNames ?? Array.Empty<string>()).Select(n => n.Trim().TrimEnd('.').ToLowerInvariant())
                .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        }

        public static readonly PolicyScope Any = new PolicyScope(null, null);

        /// <summary>Null for every hosted zone.</summary>
        public string? HostedZoneId { get; }
        /// <summary>Empty for every name in the zone.</summary>
        public IReadOnlyList<string> RecordNames { get; }
        public bool IsAny => HostedZoneId == null && RecordNames.Count == 0;
    }
}
