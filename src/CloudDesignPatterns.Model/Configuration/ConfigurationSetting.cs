namespace CloudDesignPatterns.Model.Configuration
{
    /// <summary>One resolved setting: its key, the cmdlet parameter it feeds, its typed value and where it came from.</summary>
    public sealed class ConfigurationSetting
    {
        public ConfigurationSetting(string pattern, string key, string parameterName, object value, string rawValue, ConfigurationSource source)
        {
            Pattern = pattern;
            Key = key;
            ParameterName = parameterName;
            Value = value;
            RawValue = rawValue;
            Source = source;
        }

        /// <summary>Canonical lowercase pattern name, for example "snapshot".</summary>
        public string Pattern { get; }

        /// <summary>The full key, for example "cdp:snapshot:keep-generations".</summary>
        public string Key { get; }

        /// <summary>The cmdlet parameter this setting feeds, for example "KeepGenerations".</summary>
        public string ParameterName { get; }

        /// <summary>The validated value: int, bool, TimeSpan, string or string[].</summary>
        public object Value { get; }

        /// <summary>The text the value was read from (before parsing).</summary>
        public string RawValue { get; }

        public ConfigurationSource Source { get; }

        public override string ToString() => $"{Key}={RawValue} ({Source})";
    }
}
