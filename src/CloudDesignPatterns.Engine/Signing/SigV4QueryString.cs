using System.Collections.Generic;
using System.Text;

namespace CloudDesignPatterns.Engine.Signing
{
    /// <summary>Splits a raw query string into decoded name/value pairs, the form <see cref="SigV4Request"/> holds.</summary>
    public static class SigV4QueryString
    {
        public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? rawQuery)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(rawQuery)) return result;
            var query = rawQuery![0] == '?' ? rawQuery.Substring(1) : rawQuery;
            foreach (var piece in query.Split('&'))
            {
                if (piece.Length == 0) continue;
                var equals = piece.IndexOf('=');
                var name = equals < 0 ? piece : piece.Substring(0, equals);
                var value = equals < 0 ? string.Empty : piece.Substring(equals + 1);
                result.Add(new KeyValuePair<string, string>(SigV4Encoding.PercentDecode(name), SigV4Encoding.PercentDecode(value)));
            }
            return result;
        }

        /// <summary>Encodes pairs in the given order as name=value joined by '&amp;', with SigV4's encoding rules.</summary>
        public static string Format(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var builder = new StringBuilder();
            foreach (var parameter in parameters)
            {
                if (builder.Length > 0) builder.Append('&');
                builder.Append(SigV4Encoding.UriEncode(parameter.Key, keepSlash: false))
                       .Append('=')
                       .Append(SigV4Encoding.UriEncode(parameter.Value, keepSlash: false));
            }
            return builder.ToString();
        }
    }
}
