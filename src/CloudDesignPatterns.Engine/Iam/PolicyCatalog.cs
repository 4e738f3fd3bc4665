using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// The published least-privilege policies, one per pattern role: the data behind Get-PatternIamPolicy, docs/iam.md,
    /// and the policies the sandbox enforces in pattern tests. Names are matched case-insensitively.
    /// </summary>
    public static class PolicyCatalog
    {
        private static readonly IReadOnlyList<PatternDefinition> Definitions = new[]
        {
            CorePolicies.Pattern,
            SnapshotPolicies.Pattern,
            RoutingPolicies.Pattern,
            FloatingIpPolicies.Pattern,
            FirewallPolicies.Pattern,
            BastionPolicies.Pattern,
            SchedulePolicies.Pattern,
            Route53Policies.Pattern,
            GameDayPolicies.Pattern,
        };

        private static readonly Lazy<IReadOnlyList<IamPolicy>> Policies = new Lazy<IReadOnlyList<IamPolicy>>(Build);

        /// <summary>Every role of every pattern, in catalog order (pattern, then its default role first).</summary>
        public static IReadOnlyList<IamPolicy> All => Policies.Value;

        /// <summary>Pattern names, in catalog order.</summary>
        public static IEnumerable<string> Patterns => Definitions.Select(d => d.Name);

        /// <summary>The role names of one pattern, default role first.</summary>
        /// <exception cref="ArgumentException">The pattern is unknown; the message lists the valid names.</exception>
        public static IEnumerable<string> Roles(string pattern) => Find(pattern).Roles.Select(r => r.Name);

        /// <summary>The policy for a pattern's role; a null or empty role picks the pattern's default role.</summary>
        /// <exception cref="ArgumentException">The pattern or role is unknown; the message lists the valid names.</exception>
        public static IamPolicy Get(string pattern, string? role = null)
        {
            var definition = Find(pattern);
            var roleName = string.IsNullOrEmpty(role) ? definition.DefaultRole.Name : role!;
            var roleDefinition = definition.Roles.FirstOrDefault(r => NameEquals(r.Name, roleName))
                ?? throw new ArgumentException(
                    $"Pattern '{definition.Name}' has no role '{roleName}'. Valid roles: {string.Join(", ", definition.Roles.Select(r => r.Name))}.",
                    nameof(role));
            return All.First(p => p.Pattern == definition.Name && p.Role == roleDefinition.Name);
        }

        /// <summary>The policy for a pattern's role narrowed to named resources (-HostedZoneId, -RecordName).</summary>
        /// <exception cref="ArgumentException">The pattern takes no scope, or the pattern or role is unknown.</exception>
        public static IamPolicy Get(string pattern, string? role, PolicyScope scope)
        {
            var unscoped = Get(pattern, role);
            if (scope.IsAny) return unscoped;
            var definition = Find(pattern);
            if (definition.Scoped == null)
                throw new ArgumentException($"Pattern '{definition.Name}' is narrowed by tags, not by -HostedZoneId or -RecordName.", nameof(scope));
            var scoped = definition.Scoped(scope);
            return ToPolicies(scoped).First(p => p.Role == unscoped.Role);
        }

        /// <summary>The one-sentence purpose of a pattern (for docs and help).</summary>
        public static string DescribePattern(string pattern) => Find(pattern).Description;

        private static PatternDefinition Find(string pattern)
        {
            if (string.IsNullOrEmpty(pattern))
                throw new ArgumentException($"A pattern name is required. Valid patterns: {string.Join(", ", Patterns)}.", nameof(pattern));
            return Definitions.FirstOrDefault(d => NameEquals(d.Name, pattern))
                ?? throw new ArgumentException($"Unknown pattern '{pattern}'. Valid patterns: {string.Join(", ", Patterns)}.", nameof(pattern));
        }

        private static bool NameEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static IReadOnlyList<IamPolicy> Build() => Definitions.SelectMany(ToPolicies).ToList();

        private static IEnumerable<IamPolicy> ToPolicies(PatternDefinition pattern) =>
            pattern.Roles.Select(role => new IamPolicy(
                pattern.Name,
                role.Name,
                isDefaultRole: ReferenceEquals(role, pattern.DefaultRole),
                role.Description,
                role.Statements.SelectMany(s => s.ActionList).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                PolicyJsonWriter.Write(role.Statements)));
    }
}
