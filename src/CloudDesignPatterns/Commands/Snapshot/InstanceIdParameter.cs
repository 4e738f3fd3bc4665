using System;
using System.Collections.Generic;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>
    /// Reads -InstanceId the same way in every snapshot cmdlet: a malformed id is one non-terminating error
    /// (InvalidInstanceId, before any AWS call) and the other ids go on.
    /// </summary>
    internal static class InstanceIdParameter
    {
        public const string InvalidErrorId = "InvalidInstanceId";

        public static void AddValid(IEnumerable<string>? ids, ICollection<string> into, Cmdlet cmdlet)
        {
            foreach (var id in ids ?? Array.Empty<string>())
            {
                try { into.Add(ResourceId.Require(ResourceKind.Instance, id, "InstanceId")); }
                catch (ArgumentException invalid) { cmdlet.WriteError(new ErrorRecord(invalid, InvalidErrorId, ErrorCategory.InvalidArgument, id)); }
            }
        }
    }
}
