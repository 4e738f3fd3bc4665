using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>The result of a failover and, for each failed table (and a source/dest check still on), the error the cmdlet writes for it, with its target.</summary>
    public sealed class RoutingFailoverOutcome
    {
        public RoutingFailoverOutcome(RoutingFailoverResult result, IReadOnlyList<(string Target, PatternException Error)> failures)
        {
            Result = result; Failures = failures;
        }

        public RoutingFailoverResult Result { get; }
        public IReadOnlyList<(string Target, PatternException Error)> Failures { get; }
    }
}
