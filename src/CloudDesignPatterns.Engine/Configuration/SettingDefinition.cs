using System;
using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>One setting a pattern reads: its kebab-case name, value type, the parameter it feeds and an optional
    /// built-in default (only where the cmdlet itself has one).</summary>
    public sealed class SettingDefinition
    {
        public SettingDefinition(string pattern, string setting, SettingType type, string description, object? defaultValue = null)
        {
            Key = SettingKey.Create(pattern, setting);
            if (Key.Setting != setting) throw new ArgumentException($"Setting names are declared in kebab-case; got '{setting}'.", nameof(setting));
            Type = type ?? throw new ArgumentNullException(nameof(type));
            Description = description;
            DefaultValue = defaultValue;
            if (defaultValue != null && !type.TryParse(type.Format(defaultValue), out _))
                throw new ArgumentException($"The default of {Key} does not satisfy its own type ({type.ExpectedForm}).", nameof(defaultValue));
        }

        public SettingKey Key { get; }
        public string Pattern => Key.Pattern;
        public string Setting => Key.Setting;
        public string ParameterName => Key.ParameterName;
        public SettingType Type { get; }
        public string Description { get; }

        /// <summary>Null when the setting has no default (then an unset setting does not appear at all).</summary>
        public object? DefaultValue { get; }

        public override string ToString() => Key.ToString();
    }
}
