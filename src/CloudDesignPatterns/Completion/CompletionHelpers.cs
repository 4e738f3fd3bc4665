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
    }
}
