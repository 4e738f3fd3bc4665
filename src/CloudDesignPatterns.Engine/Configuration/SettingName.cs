using System;
using System.Text;

namespace CloudDesignPatterns.Engine.Configuration
{
    /// <summary>
    /// The naming rule of Cloud DI: a setting is the kebab-case form of the cmdlet parameter it feeds
    /// (keep-generations ↔ KeepGenerations, route-table-id ↔ RouteTableId, ipv4-address ↔ Ipv4Address).
    /// </summary>
    public static class SettingName
    {
        /// <summary>kebab-case → PascalCase: every dash-separated word gets an upper-case first letter.</summary>
        public static string ToPascalCase(string kebab)
        {
            if (kebab == null) throw new ArgumentNullException(nameof(kebab));
            var result = new StringBuilder(kebab.Length);
            foreach (var word in kebab.Split(new[] { '-' }, StringSplitOptions.RemoveEmptyEntries))
            {
                result.Append(char.ToUpperInvariant(word[0]));
                result.Append(word.Substring(1).ToLowerInvariant());
            }
            return result.ToString();
        }

        /// <summary>
        /// PascalCase (or camelCase) → kebab-case. A word starts at an upper-case letter that follows a lower-case
        /// letter or digit, or at the last capital of an acronym run (VirtualIP → virtual-ip, IPAddress → ip-address).
        /// Text that is already kebab-case comes back lower-cased and otherwise unchanged.
        /// </summary>
        public static string ToKebabCase(string pascal)
        {
            if (pascal == null) throw new ArgumentNullException(nameof(pascal));
            var result = new StringBuilder(pascal.Length + 8);
            for (var i = 0; i < pascal.Length; i++)
            {
                var c = pascal[i];
                if (char.IsUpper(c) && i > 0 && pascal[i - 1] != '-')
                {
                    var previous = pascal[i - 1];
                    var next = i + 1 < pascal.Length ? pascal[i + 1] : '\0';
                    var endsLowerWord = char.IsLower(previous) || char.IsDigit(previous);
                    var endsAcronym = char.IsUpper(previous) && char.IsLower(next);
                    if (endsLowerWord || endsAcronym) result.Append('-');
                }
                result.Append(char.ToLowerInvariant(c));
            }
            return result.ToString();
        }
    }
}
