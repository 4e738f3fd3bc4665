using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Model.Configuration
{
    /// <summary>
    /// The resolved Cloud DI settings of one instance for one pattern (or for every pattern found, when
    /// <see cref="Pattern"/> is null). Only settings that are set, or have a built-in default, are present.
    /// </summary>
    public sealed class PatternConfiguration
    {
        public PatternConfiguration(string? instanceId, string? region, string? pattern,
            IReadOnlyList<ConfigurationSetting> settings, IReadOnlyList<string> warnings)
        {
            InstanceId = instanceId;
            Region = region;
            Pattern = pattern;
            Settings = settings;
            Warnings = warnings;
        }

        public string? InstanceId { get; }
        public string? Region { get; }

        /// <summary>Canonical lowercase pattern name; null when this object holds the settings of several patterns.</summary>
        public string? Pattern { get; }

        public IReadOnlyList<ConfigurationSetting> Settings { get; }

        /// <summary>Things worth telling the user that did not stop resolution (unknown keys, duplicates, overridden bad values).</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The setting that feeds <paramref name="parameterName"/> (case-insensitive), or null when it is not set.</summary>
        public ConfigurationSetting? Find(string parameterName)
        {
            foreach (var setting in Settings)
            {
                if (string.Equals(setting.ParameterName, parameterName, StringComparison.OrdinalIgnoreCase)) return setting;
            }
            return null;
        }

        /// <summary>Parameter name → value, ready to splat or to expose as properties that bind by name.</summary>
        public IDictionary<string, object> ToParameterValues()
        {
            var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var setting in Settings) values[setting.ParameterName] = setting.Value;
            return values;
        }
    }
}
