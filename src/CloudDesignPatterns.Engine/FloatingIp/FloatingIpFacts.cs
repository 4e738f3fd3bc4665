using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>One network interface as a floating address sees it: where it lives and which private addresses it has.</summary>
    public sealed class InterfaceFacts
    {
        public string NetworkInterfaceId { get; set; } = "";
        public string? InstanceId { get; set; }
        public string SubnetId { get; set; } = "";
        public string VpcId { get; set; } = "";
        /// <summary>The primary address first.</summary>
        public IReadOnlyList<string> PrivateIpAddresses { get; set; } = new string[0];

        public string PrimaryPrivateIp => PrivateIpAddresses.Count > 0 ? PrivateIpAddresses[0] : "";

        public string Describe() => Describe(NetworkInterfaceId, InstanceId);

        public static string Describe(string? networkInterfaceId, string? instanceId)
            => networkInterfaceId == null ? "nothing" : instanceId == null ? networkInterfaceId : $"{networkInterfaceId} ({instanceId})";
    }
}
