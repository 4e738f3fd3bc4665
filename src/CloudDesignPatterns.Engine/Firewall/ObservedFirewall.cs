using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>What AWS holds that the firewall plan depends on, read by <see cref="FirewallReader"/>.</summary>
    public sealed class ObservedFirewall
    {
        public string VpcId { get; set; } = "";
        /// <summary>Every security group in the VPC tagged cdp:firewall:team.</summary>
        public List<ObservedGroup> Groups { get; } = new List<ObservedGroup>();
        /// <summary>The interfaces of the VPC's running instances, with the instance's tags.</summary>
        public List<ObservedInterface> Interfaces { get; } = new List<ObservedInterface>();
    }

    public sealed class ObservedGroup
    {
        public string GroupId { get; set; } = "";
        public string GroupName { get; set; } = "";
        public string Team { get; set; } = "";
        public List<ObservedRule> Rules { get; } = new List<ObservedRule>();
    }

    public sealed class ObservedRule
    {
        public ObservedRule(string ruleId, RuleSpec spec, IReadOnlyDictionary<string, string>? tags = null)
        {
            RuleId = ruleId; Spec = spec; Tags = tags ?? new Dictionary<string, string>();
        }

        public string RuleId { get; }
        public RuleSpec Spec { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }

    public sealed class ObservedInterface
    {
        public string InstanceId { get; set; } = "";
        public string NetworkInterfaceId { get; set; } = "";
        public IReadOnlyDictionary<string, string> InstanceTags { get; set; } = new Dictionary<string, string>();
        public List<string> GroupIds { get; } = new List<string>();
    }
}
