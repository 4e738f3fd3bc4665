using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Routing
{
    /// <summary>Decodes application/x-www-form-urlencoded text (Query API bodies and query strings).</summary>
    internal static class FormDecoder
    {
        public static Dictionary<string, string> Decode(string text)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(text)) return fields;
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                var eq = pair.IndexOf('=');
                var name = Unescape(eq < 0 ? pair : pair.Substring(0, eq));
                var value = eq < 0 ? "" : Unescape(pair.Substring(eq + 1));
                fields[name] = value;
            }
            return fields;
        }

        public static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
