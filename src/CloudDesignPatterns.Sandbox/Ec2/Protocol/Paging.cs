using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>MaxResults/NextToken paging. The token is an opaque base64 offset into the filtered, ordered result.</summary>
    internal static class Paging
    {
        public static (List<T> Page, string? NextToken) Take<T>(IReadOnlyList<T> items, QueryParams p, int min = 5, int max = 1000)
        {
            var maxResults = p.Int("MaxResults");
            if (maxResults != null && maxResults < min)
                throw new SandboxServiceException("InvalidParameterValue",
                    $"Value ( {maxResults} ) for parameter maxResults is invalid. Expecting a value greater than {min - 1}.");
            // EC2 documents that a larger value is capped ("if you specify a value larger than 500, only 500 items are returned").
            if (maxResults > max) maxResults = max;
            var start = Decode(p.Get("NextToken"));
            var size = maxResults ?? int.MaxValue;
            var page = items.Skip(start).Take(size).ToList();
            var next = start + page.Count < items.Count ? Encode(start + page.Count) : null;
            return (page, next);
        }

        private static string Encode(int offset) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes("cdp-sandbox:" + offset.ToString(CultureInfo.InvariantCulture)));

        private static int Decode(string? token)
        {
            if (string.IsNullOrEmpty(token)) return 0;
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                if (text.StartsWith("cdp-sandbox:", StringComparison.Ordinal) &&
                    int.TryParse(text.Substring(12), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            }
            catch (FormatException) { }
            throw new SandboxServiceException("InvalidParameterValue", "The token '" + token + "' is invalid.");
        }
    }
}
