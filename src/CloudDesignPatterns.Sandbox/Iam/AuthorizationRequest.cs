using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// One authorization question: may the caller perform <see cref="Action"/> on <see cref="Resource"/>, given the
    /// request context? A request that touches several resources (RunInstances, CopySnapshot) is asked once per resource.
    /// </summary>
    public sealed class AuthorizationRequest
    {
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoContext =
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        public AuthorizationRequest(string action, string resource, IReadOnlyDictionary<string, IReadOnlyList<string>>? context = null)
        {
            if (string.IsNullOrEmpty(action)) throw new ArgumentException("An action such as 'ec2:DescribeInstances' is required.", nameof(action));
            if (string.IsNullOrEmpty(resource)) throw new ArgumentException("A resource ARN (or '*') is required.", nameof(resource));
            Action = action;
            Resource = resource;
            // IAM compares context key names case-insensitively (aws:RequestTag/Team == AWS:requesttag/team), values as given.
            Context = context is null
                ? NoContext
                : context.ToDictionary(kv => kv.Key, kv => kv.Value ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>"service:Action", for example "ec2:CreateSnapshots".</summary>
        public string Action { get; }

        /// <summary>The ARN of the resource being authorized, or "*" for actions without resource-level permissions.</summary>
        public string Resource { get; }

        /// <summary>Condition context keys (case-insensitive names) and their values; a multivalued key has several.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; }

        /// <summary>A copy of this request with one more context key (convenient in tests and in the sandbox's request mapping).</summary>
        public AuthorizationRequest With(string key, params string[] values)
        {
            var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in Context) context[kv.Key] = kv.Value;
            context[key] = values;
            return new AuthorizationRequest(Action, Resource, context);
        }

        public override string ToString() => $"{Action} on {Resource}";
    }
}
