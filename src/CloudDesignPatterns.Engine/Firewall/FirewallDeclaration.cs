using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>The declared firewall: one security group per team (docs/patterns/firewall.md has the schema).</summary>
    public sealed class FirewallDeclaration
    {
        public string? VpcId { get; set; }
        public IReadOnlyList<TeamDeclaration> Teams { get; set; } = new TeamDeclaration[0];
        /// <summary>Rules per security group (AWS's default quota: 60 inbound).</summary>
        public int RulesPerGroup { get; set; } = 60;
        /// <summary>Security groups per network interface (AWS's default quota: 5).</summary>
        public int GroupsPerInterface { get; set; } = 5;
    }

    public sealed class TeamDeclaration
    {
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public IReadOnlyList<RuleSpec> Rules { get; set; } = new RuleSpec[0];
        /// <summary>Instances whose tags include every one of these (key → value) carry the team's group.</summary>
        public IReadOnlyDictionary<string, string> AttachTo { get; set; } = new Dictionary<string, string>();

        /// <summary>The security group's name: cdp-fw-&lt;team&gt;.</summary>
        public string GroupName => FirewallTags.GroupNamePrefix + Name;
    }
}
