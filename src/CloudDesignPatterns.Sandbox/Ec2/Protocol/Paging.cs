using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// MaxResults/NextToken paging. The token is opaque base64: a cursor id and an offset. The first page runs the query
    /// (filters over every record) once and keeps its result under the cursor, so later pages cost only their own items,
    /// as a database cursor would: 100 pages over 100,000 snapshots no longer filter 100,000 records 100 times.
    /// </summary>
    internal static class Paging
    {
        private const int MaxCursors = 64;
        private static readonly TimeSpan CursorLifetime = TimeSpan.FromMinutes(5);
        private static readonly object CursorLock = new object();
        private static readonly Dictionary<string, (object Items, DateTime Expires)> Cursors = new Dictionary<string, (object, DateTime)>();

        public static (List<T> Page, string? NextToken) Take<T>(Func<IReadOnlyList<T>> query, QueryParams p, int min = 5, int max = 1000)
        {
            var token = p.Get("NextToken");
            if (!string.IsNullOrEmpty(token) && TryResume<T>(token!, out var cursor, out var kept))
                return Page(kept, p, min, max, cursor);
            var items = query();
            return Page(items, p, min, max, Remember(items));
        }

        private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, QueryParams p, int min, int max, string cursor)
        {
            var maxResults = p.Int("MaxResults");
            if (maxResults != null && maxResults < min)
                throw new SandboxServiceException("InvalidParameterValue",
                    $"Value ( {maxResults} ) for parameter maxResults is invalid. Expecting a value greater than {min - 1}.");
            // EC2 documents that a larger value is capped ("if you specify a value larger than 500, only 500 items are returned").
            if (maxResults > max) maxResults = max;
            var (_, start) = Decode(p.Get("NextToken"));
            var size = maxResults ?? int.MaxValue;
            var page = new List<T>(Math.Min(size, Math.Max(0, items.Count - start)));
            for (var i = start; i < items.Count && page.Count < size; i++) page.Add(items[i]);
            var next = start + page.Count < items.Count ? Encode(cursor, start + page.Count) : null;
            return (page, next);
        }

        private static string Remember(object items)
        {
            var cursor = Guid.NewGuid().ToString("N").Substring(0, 12);
            lock (CursorLock)
            {
                var now = DateTime.UtcNow;
                foreach (var expired in Cursors.Where(c => c.Value.Expires < now).Select(c => c.Key).ToList()) Cursors.Remove(expired);
                if (Cursors.Count >= MaxCursors) Cursors.Remove(Cursors.OrderBy(c => c.Value.Expires).First().Key);
                Cursors[cursor] = (items, now + CursorLifetime);
            }
            return cursor;
        }

        private static bool TryResume<T>(string token, out string cursor, out IReadOnlyList<T> items)
        {
            (cursor, _) = Decode(token);
            items = Array.Empty<T>();
            lock (CursorLock)
            {
                if (!Cursors.TryGetValue(cursor, out var kept) || !(kept.Items is IReadOnlyList<T> list)) return false;
                items = list;
                return true;
            }
        }

        private static string Encode(string cursor, int offset) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes("cdp-sandbox:" + cursor + ":" + offset.ToString(CultureInfo.InvariantCulture)));

        /// <summary>The cursor and offset of a token; an expired cursor is re-run from the query (the offset still applies).</summary>
        private static (string Cursor, int Offset) Decode(string? token)
        {
            if (string.IsNullOrEmpty(token)) return ("", 0);
            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
                if (parts.Length == 3 && parts[0] == "cdp-sandbox" &&
                    int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return (parts[1], n);
            }
            catch (FormatException) { }
            throw new SandboxServiceException("InvalidParameterValue", "The token '" + token + "' is invalid.");
        }
    }
}
