using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>One EC2 action: validates, authorizes, changes state, and returns the children of &lt;ActionResponse&gt; after requestId.</summary>
    internal delegate IEnumerable<object?> Ec2Handler(Ec2Context ctx);

    internal static class HandlerRegistry
    {
        /// <summary>Every implemented action by name. Each handler file registers its own actions.</summary>
        public static IReadOnlyDictionary<string, Ec2Handler> Build()
        {
            var map = new Dictionary<string, Ec2Handler>();
            InstanceQueryHandlers.Register(map);
            InstanceLifecycleHandlers.Register(map);
            TagHandlers.Register(map);
            NetworkQueryHandlers.Register(map);
            VolumeHandlers.Register(map);
            SnapshotHandlers.Register(map);
            ImageHandlers.Register(map);
            RouteHandlers.Register(map);
            NetworkAttributeHandlers.Register(map);
            VpcHandlers.Register(map);
            AddressHandlers.Register(map);
            SecurityGroupHandlers.Register(map);
            return map;
        }
    }
}
