namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>What one side of a name answers with: a value (address, or a name for CNAME) or an alias target.</summary>
    public sealed class DnsTarget
    {
        private DnsTarget(string value, string? aliasHostedZoneId)
        {
            Value = value;
            AliasHostedZoneId = aliasHostedZoneId;
        }

        public static DnsTarget Plain(string value) => new DnsTarget(value.Trim(), null);

        /// <summary>An alias target, for example an S3 website endpoint (its hosted zone id is the region's S3 website zone).</summary>
        public static DnsTarget Alias(string dnsName, string hostedZoneId) => new DnsTarget(DnsName.Normalize(dnsName), hostedZoneId.Trim());

        /// <summary>The address or name; for an alias, the target's DNS name (normalised).</summary>
        public string Value { get; }
        public string? AliasHostedZoneId { get; }
        public bool IsAlias => AliasHostedZoneId != null;

        public override string ToString() => IsAlias ? $"alias {Value} ({AliasHostedZoneId})" : Value;
    }
}
