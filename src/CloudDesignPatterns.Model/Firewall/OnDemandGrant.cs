using System;

namespace CloudDesignPatterns.Model.Firewall
{
    /// <summary>
    /// One time-limited ingress grant. Several grants may share one rule (AWS keeps one rule per group, protocol,
    /// port and source); the rule is revoked when its last grant expires or is revoked.
    /// </summary>
    public sealed class OnDemandGrant
    {
        public string Region { get; set; } = "";
        public string GrantId { get; set; } = "";
        public string SecurityGroupId { get; set; } = "";
        public string SecurityGroupRuleId { get; set; } = "";
        public string Grantee { get; set; } = "";
        public string Protocol { get; set; } = "";
        public int Port { get; set; }
        public string Cidr { get; set; } = "";
        public DateTime ExpiresUtc { get; set; }
        public TimeSpan Remaining { get; set; }
        public bool Expired { get; set; }
        /// <summary>Granted, Shared (recorded on an existing rule), Revoked, RuleRevoked (the last grant: the rule is gone), Planned.</summary>
        public string Status { get; set; } = "";
    }
}
