using System;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>
    /// What the bastion cmdlets share: -Force (skips the prompt, never a limit), and one request handled as one item,
    /// whose failure is reported and the pipeline goes on.
    /// </summary>
    public abstract class BastionCmdlet : AwsCmdlet
    {
        /// <summary>Skips the confirmation prompt (for scheduled runs); it lifts no limit.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>-WhatIf prints and declines; -Force approves without a prompt; otherwise ShouldProcess decides.</summary>
        protected bool Confirm(string target, string action)
        {
            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s ? s.IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter p ? p.IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is bool b && b;
            return Force && !whatIf || ShouldProcess(target, action);
        }

        /// <summary>
        /// Runs one item; a <see cref="PatternException"/> becomes that item's error record. A request id of the wrong
        /// shape is refused before anything is called, even before the connection is resolved.
        /// </summary>
        protected void ForRequest(string requestId, Action work) => ForItem(requestId, () =>
        {
            BastionRules.RequireRequestId(requestId);
            ResolveContextOnce();
            work();
        });

        /// <summary>
        /// Runs one item; a <see cref="PatternException"/> becomes that item's error record, and so does a cdp:bastion:*
        /// setting of this instance that does not parse (InvalidConfigurationValue, naming the setting).
        /// </summary>
        protected void ForItem(object target, Action work)
        {
            try { work(); }
            catch (PatternException error) { WritePatternError(error, target); }
            catch (ConfigurationException invalid) { WriteError(new ErrorRecord(invalid, "InvalidConfigurationValue", ErrorCategory.InvalidData, invalid.Key)); }
        }
    }
}
