using System.Collections.Generic;

namespace CloudDesignPatterns.Model.Firewall
{
    /// <summary>A team's security group as it is in AWS (Get-OperationalFirewall).</summary>
    public sealed class FirewallTeam
    {
        public string Region { get; set; } = "";
        public string Team { get; set; } = "";
        public string SecurityGroupId { get; set; } = "";
        public string GroupName { get; set; } = "";
        public string VpcId { get; set; } = "";
        public IReadOnlyList<FirewallRule> Rules { get; set; } = new FirewallRule[0];
        /// <summary>The interfaces carrying the group, as "i-…/eni-…".</summary>
        public IReadOnlyList<FirewallAttachment> Attachments { get; set; } = new FirewallAttachment[0];
    }

    public sealed class FirewallRule
    {
        public string SecurityGroupRuleId { get; set; } = "";
        public string Protocol { get; set; } = "";
        public int? FromPort { get; set; }
        public int? ToPort { get; set; }
        public string Source { get; set; } = "";
        public string? Description { get; set; }
        public override string ToString() => $"{Protocol} {(FromPort == ToPort ? $"{FromPort}" : $"{FromPort}-{ToPort}")} from {Source}";
    }

    public sealed class FirewallAttachment
    {
        public string? InstanceId { get; set; }
        public string NetworkInterfaceId { get; set; } = "";
        public override string ToString() => $"{InstanceId}/{NetworkInterfaceId}";
    }
}
