using System;
using System.Linq;
using System.Text.Json;

namespace CloudDesignPatterns.Engine.Configuration.UserData
{
    /// <summary>Reads settings from a JSON object whose property names are cdp:pattern:setting keys.
    /// Values may be strings, numbers, booleans or arrays of those (joined with ","). Other properties are
    /// left alone: the same JSON document may carry the application's own configuration.</summary>
    internal static class JsonSettings
    {
        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        };

        /// <summary>False when the text is not a JSON object (then it is read as a script instead).</summary>
        public static bool TryRead(string text, SettingCollector collector)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, Options);
            }
            catch (JsonException)
            {
                return false;
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!property.Name.Trim().StartsWith(SettingKey.Prefix + ":", StringComparison.OrdinalIgnoreCase)) continue;
                    var value = ToRawValue(property.Value);
                    if (value == null)
                    {
                        collector.Warn($"Setting '{property.Name}' in the user data JSON has a {property.Value.ValueKind.ToString().ToLowerInvariant()} value; expected a string, number, boolean or array of those. It is ignored.");
                        continue;
                    }
                    collector.Add(property.Name, value, "JSON");
                }
            }
            collector.NoteForm("json");
            return true;
        }

        private static string? ToRawValue(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number: return value.GetRawText();
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
                case JsonValueKind.Array:
                    var items = value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Array ? null : ToRawValue(item)).ToArray();
                    return items.Any(item => item == null) ? null : string.Join(",", items);
                default: return null;
            }
        }
    }
}
