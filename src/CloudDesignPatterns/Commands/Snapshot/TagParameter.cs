using System.Collections;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>Reads -Tag: keys and values as strings, checked by the engine (a bad tag stops the command before any AWS call).</summary>
    internal static class TagParameter
    {
        public static IReadOnlyDictionary<string, string> Read(Hashtable? table, PatternCmdlet cmdlet)
        {
            var tags = (table ?? new Hashtable()).Cast<DictionaryEntry>()
                .Select(e => new KeyValuePair<string, string>(e.Key?.ToString() ?? "", e.Value?.ToString() ?? ""));
            try { return UserTags.Require(tags); }
            catch (PatternException invalid) { cmdlet.ThrowTerminatingError(PatternCmdlet.ToErrorRecord(invalid, table)); throw; }
        }
    }
}
