using CloudDesignPatterns.Engine.Configuration.Types;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Configuration.Patterns
{
    /// <summary>Settings of the Routing-based HA pattern (Set-/Get-/Test-RoutingFailover).</summary>
    public static class RoutingSettings
    {
        public static readonly PatternDefinition Definition = PatternDefinition.Define("routing")
            .Add("virtual-ip", SettingTypes.IPv4Address,
                "The virtual IP (a /32 outside the VPC CIDR) that the route tables point at the active node.")
            .Add("route-table-id", SettingTypes.ResourceIdList(ResourceKind.RouteTable),
                "The route tables that carry the virtual IP's route.")
            .Build();
    }
}
