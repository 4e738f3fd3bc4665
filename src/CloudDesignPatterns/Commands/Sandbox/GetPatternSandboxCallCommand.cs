using System;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Sandbox
{
    /// <summary>The calls a sandbox recorded (action, parameters, principal, time, outcome), oldest first. Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "PatternSandboxCall")]
    [OutputType(typeof(SandboxCall))]
    public sealed class GetPatternSandboxCallCommand : PatternCmdlet
    {
        [Parameter] public string? EndpointUrl { get; set; }

        /// <summary>ec2, sts, imds or route53.</summary>
        [Parameter] [ValidateSet("ec2", "sts", "imds", "route53")] public string? Service { get; set; }

        /// <summary>Action name; wildcards allowed (Describe*).</summary>
        [Parameter(Position = 0)] [SupportsWildcards] public string? Action { get; set; }

        /// <summary>Only calls after this sequence number.</summary>
        [Parameter] public long After { get; set; }

        /// <summary>Only the last N matching calls.</summary>
        [Parameter] [ValidateRange(1, int.MaxValue)] public int Last { get; set; }

        protected override void EndProcessing()
        {
            var control = SandboxSession.Control(EndpointUrl);
            if (control == null)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("No sandbox is running in this session: run Start-PatternSandbox, or name one with -EndpointUrl."),
                    "NoSandbox", ErrorCategory.ObjectNotFound, null));
            var pattern = Action == null ? null : WildcardPattern.Get(Action, WildcardOptions.IgnoreCase);
            var calls = control!.GetCalls(After)
                .Where(c => Service == null || string.Equals(c.Service, Service, StringComparison.OrdinalIgnoreCase))
                .Where(c => pattern == null || pattern.IsMatch(c.Action))
                .ToList();
            if (Last > 0 && calls.Count > Last) calls = calls.Skip(calls.Count - Last).ToList();
            foreach (var call in calls) WriteObject(call);
        }
    }
}
