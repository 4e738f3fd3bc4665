using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration.Patterns
{
    /// <summary>Settings of the Floating IP pattern (Move-FloatingIp, Get-FloatingIp): the address this node should hold.</summary>
    public static class FloatingIpSettings
    {
        public static readonly PatternDefinition Definition = PatternDefinition.Define("floating-ip")
            .Add("allocation-id", new PatternTextType("eipalloc-(?:[0-9a-f]{8}|[0-9a-f]{17})", "an Elastic IP allocation id (eipalloc- and 8 or 17 hex digits)"),
                "The Elastic IP (allocation id) the active node holds.")
            .Add("public-ip", SettingTypes.IPv4Address,
                "The Elastic IP (public address) the active node holds, when no allocation id is set.")
            .Add("private-ip", SettingTypes.IPv4Address,
                "The secondary private IP the active node holds (it moves only within one subnet).")
            .Build();
    }
}
