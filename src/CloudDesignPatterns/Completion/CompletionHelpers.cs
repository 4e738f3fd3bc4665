using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CloudDesignPatterns.Completion
{
    internal static class CompletionHelpers
    {
        /// <summary>Candidates whose text matches what the user typed so far (a prefix, or a wildcard pattern).</summary>
        public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Text, string Tooltip)> candidates, string? wordToComplete)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed.EndsWith("*", StringComparison.Ordinal) ? typed : typed + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c.Text))
                .OrderBy(c => c.Text, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(c.Text, c.Text, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Tooltip) ? c.Text : c.Tooltip));
        }

        public static string? Bound(System.Collections.IDictionary parameters, string name)
            => parameters.Contains(name) ? parameters[name]?.ToString() : null;

        /// <summary>A parameter typed as one value or a list (-InstanceId i-1, i-2), as strings; empty when not typed.</summary>
        public static IReadOnlyList<string> BoundList(System.Collections.IDictionary parameters, string name)
        {
            if (!parameters.Contains(name) || parameters[name] == null) return Array.Empty<string>();
            var value = parameters[name] is PSObject wrapped ? wrapped.BaseObject : parameters[name];
            var items = value is System.Collections.IEnumerable list && !(value is string) ? list.Cast<object?>() : new[] { value };
            return items.Select(i => (i is PSObject p ? p.BaseObject : i)?.ToString()).Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).ToList();
        }
    }
}
