using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>What a move would do (what -WhatIf prints): the address, where it is, and the interface and private address it goes to.</summary>
    public sealed class FloatingIpPlan
    {
        public string Region { get; set; } = "";
        public FloatingAddressSpec Address { get; set; } = null!;
        /// <summary>Where the address is now, as read before the move.</summary>
        public FloatingIpAddress Current { get; set; } = null!;
        public InterfaceFacts Target { get; set; } = null!;
        /// <summary>Elastic IP: the target's private address it will map to. Secondary private IP: the address itself.</summary>
        public string TargetPrivateIp { get; set; } = "";
        /// <summary>Already on the target: nothing is sent.</summary>
        public bool AlreadyCurrent { get; set; }
        /// <summary>Wait until this instance's metadata shows the address (-Self).</summary>
        public bool WaitForMetadata { get; set; }
    }
}
