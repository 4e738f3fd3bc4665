using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudDesignPatterns.Engine.OnDemandIngress
{
    /// <summary>
    /// How grants live on a rule: one tag per grant, cdp:ondemand:grant:&lt;grant id&gt; = &lt;expiry UTC&gt;,&lt;grantee&gt;,
    /// beside cdp:managed-by. Several grants on one rule are several tags; the rule's description names the latest.
    /// </summary>
    public static class GrantTags
    {
        public const string GrantPrefix = "cdp:ondemand:grant:";
        /// <summary>The tag a group must carry (value "true") before grants may be made on it; the IAM role checks it too.</summary>
        public const string EnabledKey = "cdp:ondemand:enabled";
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public static string Key(string grantId) => GrantPrefix + grantId;

        public static string Value(DateTime expiresUtc, string grantee) =>
            expiresUtc.ToString(TimeFormat, CultureInfo.InvariantCulture) + "," + grantee;

        public static string NewGrantId() => "odg-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        public sealed class Grant
        {
            public string GrantId { get; set; } = "";
            public DateTime ExpiresUtc { get; set; }
            public string Grantee { get; set; } = "";
        }

        /// <summary>The grants recorded on a rule's tags; a tag that does not parse is not a grant (never acted on).</summary>
        public static List<Grant> Read(IReadOnlyDictionary<string, string> tags)
        {
            var grants = new List<Grant>();
            foreach (var tag in tags.Where(t => t.Key.StartsWith(GrantPrefix, StringComparison.Ordinal)))
            {
                var comma = tag.Value.IndexOf(',');
                if (comma < 0 || !DateTime.TryParseExact(tag.Value.Substring(0, comma), TimeFormat, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expires)) continue;
                grants.Add(new Grant { GrantId = tag.Key.Substring(GrantPrefix.Length), ExpiresUtc = expires, Grantee = tag.Value.Substring(comma + 1) });
            }
            return grants;
        }

        public static string Description(DateTime expiresUtc, string grantee, int grants) =>
            $"cdp on-demand {grantee} until {expiresUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z" + (grants > 1 ? $" (+{grants - 1} more)" : "");
    }
}
