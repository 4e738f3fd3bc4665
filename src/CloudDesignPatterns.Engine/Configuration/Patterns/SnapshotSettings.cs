using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration.Patterns
{
    /// <summary>Settings of the Snapshot pattern (New-/Get-/Remove-/Copy-PatternSnapshot).</summary>
    public static class SnapshotSettings
    {
        public static readonly PatternDefinition Definition = PatternDefinition.Define("snapshot")
            .Add("policy", SettingTypes.Name,
                "Name of the snapshot policy; snapshot sets are tagged with it and generations are counted per policy.",
                defaultValue: "default")
            .Add("keep-generations", SettingTypes.PositiveInteger,
                "How many snapshot sets of the policy to keep; older ones are removed.")
            .Add("older-than", SettingTypes.Duration,
                "Remove snapshot sets older than this.")
            .Add("destination-region", SettingTypes.RegionName,
                "Region to copy each snapshot set to for disaster recovery.")
            .Add("exclude-boot-volume", SettingTypes.Boolean,
                "Leave the root volume out of the snapshot set.")
            .Add("image", SettingTypes.Boolean,
                "Create an AMI instead of a set of EBS snapshots.")
            .Build();
    }
}
