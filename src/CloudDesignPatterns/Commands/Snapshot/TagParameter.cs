using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration;

namespace CloudDesignPatterns.Commands.Snapshot
{
    /// <summary>Reads -Tag: string keys and values, and never a key of ours (cdp:) or AWS's (aws:).</summary>
    internal static class TagParameter
    {
        public static IReadOnlyDictionary<string, string> Read(Hashtable? table, Cmdlet cmdlet)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table == null) return tags;
            foreach (DictionaryEntry entry in table)
            {
                var key = entry.Key?.ToString() ?? "";
                if (key.Length == 0 || key.Length > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("cdp:", StringComparison.OrdinalIgnoreCase))
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        $"-Tag key '{key}' is not allowed: keys are 1-128 characters and the prefixes aws: and cdp: are reserved."), "InvalidTag", ErrorCategory.InvalidArgument, key));
                var value = entry.Value?.ToString() ?? "";
                if (value.Length > 256)
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Tag value of '{key}' is longer than 256 characters."), "InvalidTag", ErrorCategory.InvalidArgument, key));
                tags[key] = value;
            }
            return tags;
        }
    }
}
