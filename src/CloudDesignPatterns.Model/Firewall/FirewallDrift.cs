namespace CloudDesignPatterns.Model.Firewall
{
    /// <summary>One difference between the declaration and AWS (Test-OperationalFirewall -Detailed).</summary>
    public sealed class FirewallDrift
    {
        public string Region { get; set; } = "";
        public string Team { get; set; } = "";
        /// <summary>MissingGroup, MissingRule, ExtraRule, MissingAttachment, ExtraAttachment or UndeclaredGroup.</summary>
        public string Kind { get; set; } = "";
        public string? SecurityGroupId { get; set; }
        public string? SecurityGroupRuleId { get; set; }
        public string? Rule { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
    }
}
