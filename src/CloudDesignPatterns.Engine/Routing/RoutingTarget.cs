using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>Who the virtual IP should be routed to, as the user named it (-InstanceId, -NetworkInterfaceId or -Self).</summary>
    public sealed class RoutingTarget
    {
        private RoutingTarget(string? instanceId, string? networkInterfaceId, string? vpcId)
        {
            InstanceId = instanceId; NetworkInterfaceId = networkInterfaceId; VpcId = vpcId;
        }

        public string? InstanceId { get; }
        public string? NetworkInterfaceId { get; }
        /// <summary>Known before any describe only for -Self (instance metadata).</summary>
        public string? VpcId { get; }

        public static RoutingTarget Instance(string instanceId) => new RoutingTarget(instanceId, null, null);

        public static RoutingTarget Interface(string networkInterfaceId) => new RoutingTarget(null, networkInterfaceId, null);

        /// <summary>This instance: its primary interface, as instance metadata lists it first.</summary>
        public static RoutingTarget Self(InstanceIdentity identity)
            => new RoutingTarget(identity.InstanceId, identity.NetworkInterfaceIds.Length > 0 ? identity.NetworkInterfaceIds[0] : null,
                string.IsNullOrEmpty(identity.VpcId) ? null : identity.VpcId);

        public override string ToString() => NetworkInterfaceId ?? InstanceId ?? "";
    }
}
