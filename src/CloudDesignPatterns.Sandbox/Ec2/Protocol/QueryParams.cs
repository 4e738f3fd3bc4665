using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// Reads EC2 Query form fields: scalars ("VolumeId"), flattened lists ("InstanceId.1", "InstanceId.2") and
    /// lists of structures ("Filter.1.Name", "Filter.1.Value.1"). A scoped instance reads one structure's members.
    /// </summary>
    internal sealed class QueryParams
    {
        private readonly IReadOnlyDictionary<string, string> _all;
        private readonly string _prefix;

        public QueryParams(IReadOnlyDictionary<string, string> all, string prefix = "")
        {
            _all = all; _prefix = prefix;
        }

        public string? Get(string name) => _all.TryGetValue(_prefix + name, out var v) ? v : null;

        public string Required(string name) =>
            Get(name) is { Length: > 0 } v ? v : throw new SandboxServiceException("MissingParameter", $"The request must contain the parameter {name}");

        public bool Has(string name) => Get(name) != null;

        public bool Bool(string name, bool fallback = false) =>
            Get(name) is string v ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) : fallback;

        public int? Int(string name)
        {
            var v = Get(name);
            if (v == null) return null;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({v}) for parameter {name} is invalid.");
            return n;
        }

        /// <summary>Values of Name.1, Name.2, … in index order.</summary>
        public IReadOnlyList<string> List(string name) =>
            Indexes(name).Select(i => _all[_prefix + name + "." + i]).ToList();

        /// <summary>One scoped reader per structure Name.N.*, in index order.</summary>
        public IReadOnlyList<QueryParams> Structs(string name) =>
            Indexes(name, structMembers: true).Select(i => new QueryParams(_all, _prefix + name + "." + i + ".")).ToList();

        public QueryParams Child(string name) => new QueryParams(_all, _prefix + name + ".");

        private IEnumerable<int> Indexes(string name, bool structMembers = false)
        {
            var head = _prefix + name + ".";
            var found = new SortedSet<int>();
            foreach (var key in _all.Keys)
            {
                if (!key.StartsWith(head, StringComparison.Ordinal)) continue;
                var rest = key.Substring(head.Length);
                var dot = rest.IndexOf('.');
                if (structMembers != (dot >= 0)) continue;
                var number = dot >= 0 ? rest.Substring(0, dot) : rest;
                if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) found.Add(n);
            }
            return found;
        }
    }
}
