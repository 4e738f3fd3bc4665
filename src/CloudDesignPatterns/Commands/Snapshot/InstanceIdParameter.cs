using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Reads -InstanceId the same way in every snapshot cmdlet: a malformed id is one non-terminating error
    /// (InvalidInstanceId, before any AWS call) and the other ids go on.
    /// </summary>
    internal static class InstanceIdParameter
    {
        public static void AddValid(IEnumerable<string>? ids, ICollection<string> into, PatternCmdlet cmdlet)
        {
            foreach (var id in ids ?? Array.Empty<string>())
            {
                try { into.Add(ResourceId.RequireParameter(ResourceKind.Instance, id, "InstanceId")); }
                catch (PatternException invalid) { cmdlet.WriteError(PatternCmdlet.ToErrorRecord(invalid, id)); }
            }
        }
    }
}
