namespace CloudDesignPatterns.Model.Firewall
{
    /// <summary>One change Set-OperationalFirewall made (or, with -WhatIf, would make), verified by reading back.</summary>
    public sealed class FirewallChange
    {
        public string Region { get; set; } = "";
        public string Team { get; set; } = "";
        /// <summary>CreateGroup, AuthorizeRule, RevokeRule, UpdateRuleDescription, AttachGroup or DetachGroup.</summary>
        public string Action { get; set; } = "";
        public string? SecurityGroupId { get; set; }
        public string? SecurityGroupRuleId { get; set; }
        /// <summary>The rule as text, e.g. "tcp 443 from 10.0.0.0/16".</summary>
        public string? Rule { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        /// <summary>Planned (-WhatIf), Done (made and read back), NotVerified (made, but the read-back disagrees) or Failed.</summary>
        public string Status { get; set; } = "";
        public string? Message { get; set; }
    }
}
