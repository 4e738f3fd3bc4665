namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>
    /// A route's state as AWS shows it: "blackhole" when its target cannot take traffic — the interface is gone
    /// (instance terminated) or detached, or the instance behind it is not running — otherwise "active".
    /// </summary>
    internal static class RouteStates
    {
        public const string Active = "active", Blackhole = "blackhole";

        public static string Of(RegionState region, RouteRecord route)
        {
            if (route.NetworkInterfaceId == null) return Active;
            if (!region.NetworkInterfaces.TryGetValue(route.NetworkInterfaceId, out var eni) || eni.AttachedInstanceId == null) return Blackhole;
            if (!region.Instances.TryGetValue(eni.AttachedInstanceId, out var instance)) return Blackhole;
            return instance.State == InstanceStates.Running || instance.State == InstanceStates.Pending ? Active : Blackhole;
        }
    }
}
