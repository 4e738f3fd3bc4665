using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration.Patterns
{
    /// <summary>Settings of the DNS failover pattern (Set-/Get-Route53Failover), so a node registers itself with -Self.</summary>
    public static class DnsSettings
    {
        public static readonly PatternDefinition Definition = PatternDefinition.Define("dns")
            .Add("hosted-zone-id", new PatternTextType("Z[A-Z0-9]{1,32}", "a hosted zone id (Z and up to 32 capital letters and digits)"),
                "The Route 53 hosted zone that holds the failover name.")
            .Add("record-name", new PatternTextType(@"[A-Za-z0-9_*-]{1,63}(\.[A-Za-z0-9_-]{1,63})+\.?", "a DNS name such as app.example.com"),
                "The name that fails over (this node is its primary with -Self).")
            .Add("ttl", new PositiveIntegerType(0),
                "Seconds resolvers cache the answer; failover is never faster than this.")
            .Add("health-check-id", new PatternTextType("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "a Route 53 health check id (a lower-case UUID)"),
                "The health check that guards the primary.")
            .Build();
    }
}
