using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>A pattern and the settings it reads. Build one with <see cref="Builder"/>.</summary>
    public sealed class PatternDefinition
    {
        private readonly Dictionary<string, SettingDefinition> _bySetting;

        private PatternDefinition(string name, IReadOnlyList<SettingDefinition> settings)
        {
            Name = name;
            Settings = settings;
            _bySetting = settings.ToDictionary(s => s.Setting, StringComparer.Ordinal);
        }

        /// <summary>Canonical lowercase name, for example "snapshot".</summary>
        public string Name { get; }

        /// <summary>Settings in declaration order (the order they are listed in results and documentation).</summary>
        public IReadOnlyList<SettingDefinition> Settings { get; }

        /// <summary>Finds a setting by its kebab-case name.</summary>
        public SettingDefinition? FindSetting(string setting) => _bySetting.TryGetValue(setting, out var found) ? found : null;

        /// <summary>Finds a setting by the parameter it feeds (case-insensitive).</summary>
        public SettingDefinition? FindByParameter(string parameterName) =>
            Settings.FirstOrDefault(s => string.Equals(s.ParameterName, parameterName, StringComparison.OrdinalIgnoreCase));

        public static Builder Define(string name) => new Builder(name);

        /// <summary>Adding a pattern is one Define(...).Add(...).Build() chain in a file under Patterns/.</summary>
        public sealed class Builder
        {
            private readonly string _name;
            private readonly List<SettingDefinition> _settings = new List<SettingDefinition>();

            internal Builder(string name)
            {
                _name = SettingKey.NormalisePatternName(name);
            }

            public Builder Add(string setting, SettingType type, string description, object? defaultValue = null)
            {
                if (_settings.Any(s => s.Setting == setting)) throw new ArgumentException($"Setting '{setting}' is declared twice in pattern '{_name}'.");
                _settings.Add(new SettingDefinition(_name, setting, type, description, defaultValue));
                return this;
            }

            public PatternDefinition Build() => new PatternDefinition(_name, _settings.ToArray());
        }
    }
}
