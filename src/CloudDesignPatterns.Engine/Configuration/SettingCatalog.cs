using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration.Patterns;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>Every pattern that reads Cloud DI settings, and their settings. Pattern names are matched
    /// case-insensitively. To add a pattern, write its definition under Patterns/ and list it in <see cref="Default"/>.</summary>
    public sealed class SettingCatalog
    {
        public static readonly SettingCatalog Default = new SettingCatalog(
            SnapshotSettings.Definition,
            RoutingSettings.Definition,
            FloatingIpSettings.Definition,
            BastionSettings.Definition,
            DnsSettings.Definition);

        private readonly Dictionary<string, PatternDefinition> _patterns;

        public SettingCatalog(params PatternDefinition[] patterns)
        {
            _patterns = new Dictionary<string, PatternDefinition>(StringComparer.OrdinalIgnoreCase);
            foreach (var pattern in patterns)
            {
                if (_patterns.ContainsKey(pattern.Name)) throw new ArgumentException($"Pattern '{pattern.Name}' is listed twice.");
                _patterns.Add(pattern.Name, pattern);
            }
        }

        /// <summary>Patterns sorted by name.</summary>
        public IReadOnlyList<PatternDefinition> Patterns => _patterns.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

        public IEnumerable<string> PatternNames => Patterns.Select(p => p.Name);

        public PatternDefinition? FindPattern(string? name) =>
            name != null && _patterns.TryGetValue(name.Trim(), out var pattern) ? pattern : null;

        /// <summary>The pattern with that name; an <see cref="ArgumentException"/> listing the known names otherwise.</summary>
        public PatternDefinition GetPattern(string name) =>
            FindPattern(name) ?? throw new ArgumentException(
                $"'{name}' is not a known pattern (known patterns: {string.Join(", ", PatternNames)}).", nameof(name));

        public SettingDefinition? FindSetting(SettingKey key) => FindPattern(key.Pattern)?.FindSetting(key.Setting);
    }
}
