using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>The cdp: keys of one source (tags or user data) by canonical key. Keys that are not three-part
    /// cdp:pattern:setting keys are not settings (the module's own state tags, for example) and are skipped;
    /// two spellings of one key keep the canonical spelling, with a warning.</summary>
    internal sealed class SettingCandidates
    {
        private readonly Dictionary<SettingKey, string> _values = new Dictionary<SettingKey, string>();

        public SettingCandidates(IReadOnlyDictionary<string, string>? source, ConfigurationSource kind, List<string> warnings)
        {
            if (source == null) return;
            var where = ConfigurationException.DescribeSource(kind, string.Empty);
            // Canonical spellings first, so they win over variants regardless of dictionary order.
            var ordered = source.OrderBy(pair => SettingKey.TryParse(pair.Key, out var k) && k!.ToString() == pair.Key ? 0 : 1)
                                .ThenBy(pair => pair.Key, StringComparer.Ordinal);
            foreach (var pair in ordered)
            {
                if (!pair.Key.Trim().StartsWith(SettingKey.Prefix + ":", StringComparison.OrdinalIgnoreCase)) continue;
                if (!SettingKey.TryParse(pair.Key, out var key, out var problem))
                {
                    if (pair.Key.Split(':').Length == 3) warnings.Add($"Key '{pair.Key}' in {where}: {problem} It is ignored.");
                    continue;
                }
                if (_values.ContainsKey(key!))
                {
                    warnings.Add($"Key '{pair.Key}' in {where} is another spelling of '{key}', which is used instead.");
                    continue;
                }
                _values.Add(key!, pair.Value ?? string.Empty);
            }
        }

        public IEnumerable<SettingKey> Keys => _values.Keys;

        public string? Find(SettingKey key) => _values.TryGetValue(key, out var value) ? value : null;
    }
}
