namespace CloudDesignPatterns.Engine.Tagging
{
    /// <summary>
    /// The tags this module writes and reads. All carry the "cdp:" prefix and only characters that
    /// instance-metadata tags allow ([0-9a-zA-Z-_+=,.@:]).
    /// </summary>
    public static class ManagedTags
    {
        public const string Prefix = "cdp:";
        public const string ManagedByKey = "cdp:managed-by";
        public const string ManagedByValue = "CloudDesignPatterns";
        public const string SetIdKey = "cdp:snapshot:set-id";
        public const string PolicyKey = "cdp:snapshot:policy";
        public const string SourceInstanceKey = "cdp:snapshot:source-instance";
        public const string SourceRegionKey = "cdp:snapshot:source-region";
        public const string SourceSetKey = "cdp:snapshot:source-set";
        /// <summary>On a route table: the RoutingFailover role may rewrite its routes (IAM condition, docs/iam.md).</summary>
        public const string RoutingFailoverKey = "cdp:routing:failover";
        public const string RoutingFailoverValue = "enabled";

        /// <summary>On an Elastic IP: the FloatingIp role may move it (IAM condition, docs/iam.md).</summary>
        public const string FloatingIpKey = "cdp:floating-ip:failover";
        public const string FloatingIpValue = "enabled";
        /// <summary>Instances and route tables a GameDay drill may break (stop, terminate, blackhole) under the GameDay role.</summary>
        public const string GameDayKey = "cdp:gameday:target";
        public const string GameDayValue = "enabled";
    }
}
