using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>
    /// A metadata category tree: leaves produce text, directories list their children one per line with a trailing
    /// '/' for sub-directories, as IMDS does. Directories are answered with or without the trailing slash.
    /// </summary>
    internal sealed class MetadataTree
    {
        private readonly Dictionary<string, Func<string>> _leaves = new Dictionary<string, Func<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _directories = new HashSet<string>(StringComparer.Ordinal) { "" };

        public MetadataTree Leaf(string path, string value) => Leaf(path, () => value);

        public MetadataTree Leaf(string path, Func<string> value)
        {
            _leaves[path] = value;
            var parent = ParentOf(path);
            while (parent != null && _directories.Add(parent)) parent = ParentOf(parent);
            return this;
        }

        /// <summary>Declares a directory even when it has no children (e.g. tags/instance with no tags).</summary>
        public MetadataTree Directory(string path)
        {
            var current = path.TrimEnd('/');
            while (current != null && _directories.Add(current)) current = ParentOf(current);
            return this;
        }

        /// <summary>Null when nothing is at that path.</summary>
        public string? Read(string path)
        {
            if (_leaves.TryGetValue(path, out var leaf)) return leaf();
            var directory = path.TrimEnd('/');
            if (!_directories.Contains(directory)) return null;
            var prefix = directory.Length == 0 ? "" : directory + "/";
            var children = _leaves.Keys.Where(k => ParentOf(k) == directory).Select(k => k.Substring(prefix.Length))
                .Concat(_directories.Where(d => d.Length > 0 && ParentOf(d) == directory).Select(d => d.Substring(prefix.Length) + "/"))
                .OrderBy(c => c, StringComparer.Ordinal);
            return string.Join("\n", children);
        }

        private static string? ParentOf(string path)
        {
            if (path.Length == 0) return null;
            var slash = path.LastIndexOf('/');
            return slash < 0 ? "" : path.Substring(0, slash);
        }
    }
}
