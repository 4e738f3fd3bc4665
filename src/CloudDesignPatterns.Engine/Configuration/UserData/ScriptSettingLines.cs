using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Configuration.UserData
{
    /// <summary>
    /// Reads "# cdp:pattern:setting=value" comment lines from any script: shell, PowerShell (inside or outside a
    /// &lt;powershell&gt; block), cloud-config YAML. A comment line is the one syntax all of them share.
    /// Values may be quoted with ' or "; surrounding whitespace is dropped, and so is a trailing " # comment" after an
    /// unquoted value (no setting value contains " #", and shell authors write such comments out of habit).
    /// </summary>
    internal static class ScriptSettingLines
    {
        private static readonly Regex SettingLine = new Regex(
            @"^\s*#+\s*(?<key>cdp:[^\s=]*)\s*=\s*(?<value>.*?)\s*\z",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static void Read(string text, SettingCollector collector)
        {
            var lineNumber = 0;
            var found = false;
            foreach (var line in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
            {
                lineNumber++;
                var match = SettingLine.Match(line);
                if (!match.Success) continue;
                found = true;
                collector.Add(match.Groups["key"].Value, Unquote(match.Groups["value"].Value), $"line {lineNumber}");
            }
            if (found) collector.NoteForm("script");
        }

        private static readonly Regex TrailingComment = new Regex(@"\s+#.*\z", RegexOptions.CultureInvariant);

        private static string Unquote(string value)
        {
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                return value.Substring(1, value.Length - 2).Trim();
            return TrailingComment.Replace(value, string.Empty);
        }
    }
}
