using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>
    /// Merges the Cloud DI sources of one instance into typed settings. Precedence: parameter &gt; tag &gt; user data &gt;
    /// built-in default. Only the winning value must be valid (a bad tag can be overridden by a parameter, which
    /// then only earns a warning); a winning value that is not valid throws <see cref="ConfigurationException"/>.
    /// A setting that is not set anywhere and has no default is absent from the result.
    /// </summary>
    public static class ConfigurationResolver
    {
        /// <summary>
        /// Resolves one pattern, or, when <paramref name="pattern"/> is null, every known pattern that has a key in the
        /// tags or user data (then <see cref="PatternConfiguration.Pattern"/> is null and each setting names its pattern).
        /// </summary>
        /// <param name="pattern">Pattern name, any case; an unknown name throws <see cref="ArgumentException"/>.</param>
        /// <param name="tags">The instance's tags (any tags; only cdp:pattern:setting keys are read).</param>
        /// <param name="userDataSettings">The settings from <see cref="UserDataReader"/>.</param>
        /// <param name="explicitParameters">Parameters the user typed, by parameter name (case-insensitive), with plain
        /// values (string, int, bool, TimeSpan, string[] …). Names that feed no setting (Region, Verbose …) are ignored;
        /// null values count as not given.</param>
        /// <param name="usedBy">The parameter names the calling cmdlet actually uses (null: all). A broken value of a
        /// setting it does not use is only a warning: a bad tag for one cmdlet never blocks another (docs/configuration.md).</param>
        public static PatternConfiguration Resolve(
            string? pattern,
            IReadOnlyDictionary<string, string>? tags,
            IReadOnlyDictionary<string, string>? userDataSettings,
            IReadOnlyDictionary<string, object?>? explicitParameters = null,
            string? instanceId = null,
            string? region = null,
            SettingCatalog? catalog = null,
            IReadOnlyCollection<string>? usedBy = null)
        {
            catalog = catalog ?? SettingCatalog.Default;
            var warnings = new List<string>();
            var sources = new Sources(tags, userDataSettings, explicitParameters, warnings);
            var patterns = pattern != null ? new[] { catalog.GetPattern(pattern) } : PatternsInInput(catalog, sources, warnings);

            var settings = new List<ConfigurationSetting>();
            foreach (var definition in patterns) settings.AddRange(ResolvePattern(definition, sources, warnings, usedBy));
            return new PatternConfiguration(instanceId, region, pattern != null ? patterns[0].Name : null,
                settings, warnings);
        }

        /// <summary>Like <see cref="Resolve"/> with no pattern, but one result per pattern found (sorted by name),
        /// so each can bind by property name to that pattern's cmdlets.</summary>
        public static IReadOnlyList<PatternConfiguration> ResolveEach(
            IReadOnlyDictionary<string, string>? tags,
            IReadOnlyDictionary<string, string>? userDataSettings,
            IReadOnlyDictionary<string, object?>? explicitParameters = null,
            string? instanceId = null,
            string? region = null,
            SettingCatalog? catalog = null)
        {
            catalog = catalog ?? SettingCatalog.Default;
            var warnings = new List<string>();
            var sources = new Sources(tags, userDataSettings, explicitParameters, warnings);
            var results = new List<PatternConfiguration>();
            foreach (var definition in PatternsInInput(catalog, sources, warnings))
            {
                var patternWarnings = new List<string>(warnings); // input-wide warnings travel with every result
                var settings = ResolvePattern(definition, sources, patternWarnings);
                results.Add(new PatternConfiguration(instanceId, region, definition.Name, settings, patternWarnings));
            }
            return results;
        }

        private static IReadOnlyList<PatternDefinition> PatternsInInput(SettingCatalog catalog, Sources sources, List<string> warnings)
        {
            var found = new List<PatternDefinition>();
            foreach (var (key, kind) in sources.AllKeys())
            {
                var definition = catalog.FindPattern(key.Pattern);
                if (definition == null)
                {
                    var suggestion = NameSuggestion.Closest(key.Pattern, catalog.PatternNames);
                    warnings.Add($"Setting '{key}' from {ConfigurationException.DescribeSource(kind, key.ParameterName)} names the unknown pattern '{key.Pattern}'"
                        + (suggestion != null ? $" (did you mean '{suggestion}'?)" : $" (known patterns: {string.Join(", ", catalog.PatternNames)})")
                        + "; it is ignored.");
                    continue;
                }
                if (!found.Contains(definition)) found.Add(definition);
            }
            return found.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        }

        private static List<ConfigurationSetting> ResolvePattern(PatternDefinition pattern, Sources sources, List<string> warnings,
            IReadOnlyCollection<string>? usedBy = null)
        {
            WarnAboutUnknownSettings(pattern, sources, warnings);
            var settings = new List<ConfigurationSetting>();
            foreach (var definition in pattern.Settings)
            {
                var used = usedBy == null || usedBy.Contains(definition.ParameterName, StringComparer.OrdinalIgnoreCase);
                var resolved = ResolveSetting(definition, sources, warnings, used);
                if (resolved != null) settings.Add(resolved);
            }
            return settings;
        }

        private static ConfigurationSetting? ResolveSetting(SettingDefinition definition, Sources sources, List<string> warnings, bool used = true)
        {
            ConfigurationSetting? winner = null;
            foreach (var (raw, source) in sources.CandidatesFor(definition))
            {
                var key = definition.Key.ToString();
                if (raw.Trim().Length == 0)
                {
                    warnings.Add($"Setting '{key}' from {ConfigurationException.DescribeSource(source, definition.ParameterName)} has an empty value; it is ignored.");
                    continue;
                }
                var text = raw.Trim();
                var valid = definition.Type.TryParse(text, out var value);
                if (winner == null)
                {
                    if (!valid && !used)
                    {
                        warnings.Add($"Setting '{key}' from {ConfigurationException.DescribeSource(source, definition.ParameterName)} has the value '{raw}', "
                            + $"which is not valid (expected {definition.Type.ExpectedForm}); this command does not use it, so it is ignored here.");
                        return null;
                    }
                    if (!valid) throw new ConfigurationException(key, definition.ParameterName, raw, definition.Type.ExpectedForm, source);
                    winner = new ConfigurationSetting(definition.Pattern, key, definition.ParameterName, value!, text, source);
                }
                else if (!valid)
                {
                    warnings.Add($"Setting '{key}' from {ConfigurationException.DescribeSource(source, definition.ParameterName)} has the value '{raw}', "
                        + $"which is not valid (expected {definition.Type.ExpectedForm}); it is overridden by {ConfigurationException.DescribeSource(winner.Source, definition.ParameterName)}.");
                }
            }
            return winner;
        }

        private static void WarnAboutUnknownSettings(PatternDefinition pattern, Sources sources, List<string> warnings)
        {
            foreach (var (key, kind) in sources.AllKeys())
            {
                if (key.Pattern != pattern.Name || pattern.FindSetting(key.Setting) != null) continue;
                var known = pattern.Settings.Select(s => s.Setting).ToArray();
                var suggestion = NameSuggestion.Closest(key.Setting, known);
                warnings.Add($"Setting '{key}' from {ConfigurationException.DescribeSource(kind, key.ParameterName)} is not a {pattern.Name} setting"
                    + (suggestion != null ? $" (did you mean '{suggestion}'?)" : $" (known: {string.Join(", ", known)})")
                    + "; it is ignored.");
            }
        }

        /// <summary>The three input sources, normalised once per call.</summary>
        private sealed class Sources
        {
            private readonly SettingCandidates _tags;
            private readonly SettingCandidates _userData;
            private readonly IReadOnlyDictionary<string, object?> _parameters;

            public Sources(IReadOnlyDictionary<string, string>? tags, IReadOnlyDictionary<string, string>? userData,
                IReadOnlyDictionary<string, object?>? parameters, List<string> warnings)
            {
                _tags = new SettingCandidates(tags, ConfigurationSource.Tag, warnings);
                _userData = new SettingCandidates(userData, ConfigurationSource.UserData, warnings);
                _parameters = parameters ?? new Dictionary<string, object?>();
            }

            public IEnumerable<(SettingKey Key, ConfigurationSource Kind)> AllKeys() =>
                _tags.Keys.Select(k => (k, ConfigurationSource.Tag))
                    .Concat(_userData.Keys.Select(k => (k, ConfigurationSource.UserData)));

            /// <summary>Candidate values from highest to lowest precedence.</summary>
            public IEnumerable<(string Raw, ConfigurationSource Source)> CandidatesFor(SettingDefinition definition)
            {
                var parameter = _parameters.FirstOrDefault(p => string.Equals(p.Key, definition.ParameterName, StringComparison.OrdinalIgnoreCase));
                if (parameter.Value != null) yield return (definition.Type.Format(parameter.Value), ConfigurationSource.Parameter);
                var tag = _tags.Find(definition.Key);
                if (tag != null) yield return (tag, ConfigurationSource.Tag);
                var userData = _userData.Find(definition.Key);
                if (userData != null) yield return (userData, ConfigurationSource.UserData);
                if (definition.DefaultValue != null) yield return (definition.Type.Format(definition.DefaultValue), ConfigurationSource.Default);
            }
        }
    }
}
