using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>The non-tag filter names a describe call supports, each with how to read its values from one item.</summary>
    internal sealed class FilterSpec<T> : Dictionary<string, Func<T, IEnumerable<string?>>>
    {
        public static IEnumerable<string?> One(string? value) => new[] { value };
    }

    /// <summary>
    /// EC2 describe filters (Filter.N.Name / Filter.N.Value.M): filters AND together, values within one filter OR,
    /// values may use the * and ? wildcards. Tag filters (tag:&lt;key&gt;, tag-key, tag-value) work for every resource.
    /// </summary>
    internal sealed class FilterSet
    {
        private readonly List<KeyValuePair<string, IReadOnlyList<string>>> _filters;

        private FilterSet(List<KeyValuePair<string, IReadOnlyList<string>>> filters) { _filters = filters; }

        public static FilterSet Parse(QueryParams p) =>
            new FilterSet(p.Structs("Filter")
                .Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Get("Name") ?? "", f.List("Value")))
                .ToList());

        public List<T> Apply<T>(IEnumerable<T> items, FilterSpec<T> spec) where T : Ec2Resource => Apply(items, spec, r => r.Tags);

        public List<T> Apply<T>(IEnumerable<T> items, FilterSpec<T> spec, Func<T, IDictionary<string, string>> tagsOf)
        {
            foreach (var f in _filters)
                if (!IsTagFilter(f.Key) && !spec.ContainsKey(f.Key))
                    throw new SandboxServiceException("InvalidParameterValue", $"The filter '{f.Key}' is invalid");
            return items.Where(item => _filters.All(f => Matches(Values(item, f.Key, spec, tagsOf), f.Value))).ToList();
        }

        private static bool IsTagFilter(string name) => name.StartsWith("tag:", StringComparison.Ordinal) || name == "tag-key" || name == "tag-value";

        private static IEnumerable<string?> Values<T>(T item, string name, FilterSpec<T> spec, Func<T, IDictionary<string, string>> tagsOf)
        {
            if (name.StartsWith("tag:", StringComparison.Ordinal))
                return tagsOf(item).TryGetValue(name.Substring(4), out var v) ? new[] { v } : Array.Empty<string>();
            if (name == "tag-key") return tagsOf(item).Keys;
            if (name == "tag-value") return tagsOf(item).Values;
            return spec[name](item);
        }

        private static bool Matches(IEnumerable<string?> actual, IReadOnlyList<string> wanted) =>
            actual.Any(a => a != null && wanted.Any(w => IsMatch(w, a)));

        // A value without wildcards is compared as a string, and a glob is compiled once: building a Regex per
        // comparison made a filtered describe over 100,000 snapshots take seconds per page.
        private static readonly char[] Wildcards = { '*', '?' };
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Globs =
            new System.Collections.Concurrent.ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

        private static bool IsMatch(string pattern, string value) =>
            pattern.IndexOfAny(Wildcards) < 0 ? string.Equals(pattern, value, StringComparison.Ordinal) : Glob(pattern).IsMatch(value);

        private static Regex Glob(string pattern) => Globs.GetOrAdd(pattern, p =>
            new Regex("^" + Regex.Escape(p).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline));
    }
}
