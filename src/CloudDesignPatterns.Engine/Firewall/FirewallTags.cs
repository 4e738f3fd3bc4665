namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>The tags that make a security group (and its rules) a team's firewall.</summary>
    public static class FirewallTags
    {
        public const string TeamKey = "cdp:firewall:team";
        public const string GroupNamePrefix = "cdp-fw-";
    }
}
