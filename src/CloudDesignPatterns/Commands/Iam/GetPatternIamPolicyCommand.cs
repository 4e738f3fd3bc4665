using System;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Iam
{
    /// <summary>The least-privilege IAM policy for one role of a pattern (or every role with -Role *). Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "PatternIamPolicy")]
    [OutputType(typeof(IamPolicy))]
    public sealed class GetPatternIamPolicyCommand : PatternCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IamPatternCompleter))]
        [SupportsWildcards]
        public string Pattern { get; set; } = "*";

        /// <summary>The pattern's default role when omitted; wildcards select several.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string? Role { get; set; }

        /// <summary>Route53Failover: the hosted zone the policy is limited to (every zone when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? HostedZoneId { get; set; }

        /// <summary>Route53Failover: the only names ChangeResourceRecordSets may change (every name in the zone when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? RecordName { get; set; }

        private IamPolicy Policy(string pattern, string? role) => PolicyCatalog.Get(pattern, role, new PolicyScope(HostedZoneId, RecordName));

        protected override void ProcessRecord()
        {
            var patterns = PolicyCatalog.Patterns.Where(p => WildcardPattern.Get(Pattern, WildcardOptions.IgnoreCase).IsMatch(p)).ToList();
            if (patterns.Count == 0)
            {
                WriteError(new ErrorRecord(new ArgumentException($"Unknown pattern '{Pattern}'. Known patterns: {string.Join(", ", PolicyCatalog.Patterns)}."),
                    "UnknownPattern", ErrorCategory.InvalidArgument, Pattern));
                return;
            }
            foreach (var pattern in patterns)
            {
                if (Role != null && WildcardPattern.ContainsWildcardCharacters(Role))
                {
                    var matcher = WildcardPattern.Get(Role, WildcardOptions.IgnoreCase);
                    foreach (var role in PolicyCatalog.Roles(pattern).Where(r => matcher.IsMatch(r))) WriteObject(Policy(pattern, role));
                    continue;
                }
                if (Role == null && WildcardPattern.ContainsWildcardCharacters(Pattern))
                {
                    foreach (var role in PolicyCatalog.Roles(pattern)) WriteObject(Policy(pattern, role));
                    continue;
                }
                try { WriteObject(Policy(pattern, Role)); }
                catch (ArgumentException e) { WriteError(new ErrorRecord(e, e.ParamName == "scope" ? "PolicyScopeNotSupported" : "UnknownRole", ErrorCategory.InvalidArgument, Role)); }
            }
        }
    }
}
