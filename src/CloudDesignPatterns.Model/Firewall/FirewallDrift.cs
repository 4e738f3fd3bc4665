namespace CloudDesignPatterns.Model.Firewall
{
    /// <summary>One difference between the declaration and AWS (Test-OperationalFirewall -Detailed).</summary>
    public sealed class FirewallDrift
    {
        public string Region { get; set; } = "";
        public string Team { get; set; } = "";
        /// <summary>MissingGroup, MissingRule, ExtraRule, RuleDescription, MissingAttachment, ExtraAttachment or UndeclaredGroup.</summary>
        public string Kind { get; set; } = "";
        public string? SecurityGroupId { get; set; }
        public string? SecurityGroupRuleId { get; set; }
        public string? Rule { get; set; }
        /// <summary>For RuleDescription: the rule's description in the declaration.</summary>
        public string? DeclaredDescription { get; set; }
        /// <summary>For RuleDescription: the rule's description in AWS (null when it has none).</summary>
        public string? ObservedDescription { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
    }
}
