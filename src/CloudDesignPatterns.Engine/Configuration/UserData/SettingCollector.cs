using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Configuration.UserData
{
    /// <summary>Accumulates the settings found across every layer and part of one user data document.
    /// A key given twice keeps its last value (document order), with a warning.</summary>
    internal sealed class SettingCollector
    {
        private readonly Dictionary<string, string> _settings = new Dictionary<string, string>(StringComparer.Ordinal);

        public List<string> Warnings { get; } = new List<string>();
        public List<string> Forms { get; } = new List<string>();

        public IReadOnlyDictionary<string, string> Settings => _settings;

        public void Add(string key, string value, string origin)
        {
            if (!SettingKey.TryParse(key, out var parsed, out var problem))
            {
                Warnings.Add($"User data {origin}: {problem} It is ignored.");
                return;
            }
            var canonical = parsed!.ToString();
            if (_settings.TryGetValue(canonical, out var earlier))
            {
                Warnings.Add($"Setting '{canonical}' is given more than once in the user data; the last value '{value}' is used (an earlier one was '{earlier}').");
            }
            _settings[canonical] = value;
        }

        public void Warn(string warning) => Warnings.Add(warning);

        public void NoteForm(string form) => Forms.Add(form);
    }
}
