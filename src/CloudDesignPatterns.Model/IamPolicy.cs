using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Model
{
    /// <summary>
    /// The least-privilege IAM policy one role of a pattern needs (output of Get-PatternIamPolicy).
    /// <see cref="Json"/> is ready for <c>aws iam put-role-policy --policy-document</c> or a CloudFormation template.
    /// </summary>
    public sealed class IamPolicy
    {
        public IamPolicy(string pattern, string role, bool isDefaultRole, string description, IReadOnlyList<string> actions, string json)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            Role = role ?? throw new ArgumentNullException(nameof(role));
            IsDefaultRole = isDefaultRole;
            Description = description ?? string.Empty;
            var sorted = new List<string>(actions ?? Array.Empty<string>());
            sorted.Sort(StringComparer.OrdinalIgnoreCase);
            Actions = sorted.ToArray();
            Json = json ?? throw new ArgumentNullException(nameof(json));
        }

        /// <summary>The pattern name as Get-PatternIamPolicy -Pattern accepts it, e.g. "Snapshot".</summary>
        public string Pattern { get; }

        /// <summary>The role within the pattern, e.g. "SnapshotRotation".</summary>
        public string Role { get; }

        /// <summary>True for the role picked when -Role is not given.</summary>
        public bool IsDefaultRole { get; }

        /// <summary>One sentence on who or what uses this role.</summary>
        public string Description { get; }

        /// <summary>Every action the policy allows, distinct and sorted.</summary>
        public string[] Actions { get; }

        /// <summary>The policy document, indented, with '\n' line endings.</summary>
        public string Json { get; }

        public override string ToString() => $"{Pattern}/{Role}";
    }
}
