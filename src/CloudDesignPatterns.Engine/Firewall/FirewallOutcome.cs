using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Firewall;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>One change's record and, when it failed, the error the cmdlet writes for it.</summary>
    public sealed class FirewallOutcome
    {
        public FirewallOutcome(FirewallChange change, PatternException? error = null) { Change = change; Error = error; }

        public FirewallChange Change { get; }
        public PatternException? Error { get; }
    }
}
