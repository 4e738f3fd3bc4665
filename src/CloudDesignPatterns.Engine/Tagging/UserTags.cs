using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Tagging
{
    /// <summary>Tags a user adds to what the module makes (-Tag): EC2's limits, and never a key of ours (cdp:) or AWS's (aws:).</summary>
    public static class UserTags
    {
        public static IReadOnlyDictionary<string, string> Require(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var valid = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                if (tag.Key.Length == 0 || tag.Key.Length > 128 || tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)
                    || tag.Key.StartsWith(ManagedTags.Prefix, StringComparison.OrdinalIgnoreCase))
                    throw Invalid($"-Tag key '{tag.Key}' is not allowed: keys are 1-128 characters and the prefixes aws: and cdp: are reserved.");
                if (tag.Value.Length > 256) throw Invalid($"-Tag value of '{tag.Key}' is longer than 256 characters.");
                valid[tag.Key] = tag.Value;
            }
            return valid;
        }

        private static PatternException Invalid(string message) => new PatternException("InvalidTag", PatternErrorCategory.InvalidArgument, message);
    }
}
