using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Routing;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>The result of a failover and, for each failed table, the error the cmdlet writes for it.</summary>
    public sealed class RoutingFailoverOutcome
    {
        public RoutingFailoverOutcome(RoutingFailoverResult result, IReadOnlyList<(string RouteTableId, PatternException Error)> failures)
        {
            Result = result; Failures = failures;
        }

        public RoutingFailoverResult Result { get; }
        public IReadOnlyList<(string RouteTableId, PatternException Error)> Failures { get; }
    }
}
