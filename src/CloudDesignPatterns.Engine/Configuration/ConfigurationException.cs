using System;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>
    /// A setting has a value that does not fit its type. The message names the key, the value, where it came from
    /// and the expected form, so the operator can fix the tag or user data without reading code:
    /// "Setting 'cdp:snapshot:keep-generations' from the instance tag has the value 'seven'; expected a whole number of 1 or more."
    /// </summary>
    public sealed class ConfigurationException : Exception
    {
        public ConfigurationException(string key, string parameterName, string rawValue, string expectedForm, ConfigurationSource source)
            : base(BuildMessage(key, parameterName, rawValue, expectedForm, source))
        {
            Key = key;
            ParameterName = parameterName;
            RawValue = rawValue;
            ExpectedForm = expectedForm;
            Source = source;
        }

        /// <summary>The full key, for example "cdp:snapshot:keep-generations".</summary>
        public string Key { get; }

        /// <summary>The cmdlet parameter the setting feeds, for example "KeepGenerations".</summary>
        public string ParameterName { get; }

        /// <summary>The offending text.</summary>
        public string RawValue { get; }

        /// <summary>Completes "expected …", for example "a whole number of 1 or more".</summary>
        public string ExpectedForm { get; }

        /// <summary>Where the value came from. (Hides Exception.Source, which is only the throwing assembly's name.)</summary>
        public new ConfigurationSource Source { get; }

        /// <summary>Where a value came from, in words: "the instance tag", "the -KeepGenerations parameter", …</summary>
        public static string DescribeSource(ConfigurationSource source, string parameterName)
        {
            switch (source)
            {
                case ConfigurationSource.Parameter: return $"the -{parameterName} parameter";
                case ConfigurationSource.Tag: return "the instance tag";
                case ConfigurationSource.UserData: return "the instance user data";
                default: return "the built-in default";
            }
        }

        private static string BuildMessage(string key, string parameterName, string rawValue, string expectedForm, ConfigurationSource source) =>
            $"Setting '{key}' from {DescribeSource(source, parameterName)} has the value '{rawValue}'; expected {expectedForm}.";
    }
}
