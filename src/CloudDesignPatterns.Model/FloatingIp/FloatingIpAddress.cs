namespace CloudDesignPatterns.Model.FloatingIp
{
    /// <summary>
    /// Where a floating address is now (Get-FloatingIp). AllocationId, PublicIp and PrivateIp name the address under
    /// Move-FloatingIp's parameter names, so it binds by property name; the holder is under Holder* names so it never
    /// binds as a move's target.
    /// </summary>
    public sealed class FloatingIpAddress
    {
        public string Region { get; set; } = "";
        public FloatingIpKind Kind { get; set; }
        /// <summary>Elastic IP: its allocation id.</summary>
        public string? AllocationId { get; set; }
        /// <summary>Elastic IP: its public address.</summary>
        public string? PublicIp { get; set; }
        /// <summary>Secondary private IP: the address itself.</summary>
        public string? PrivateIp { get; set; }
        /// <summary>Elastic IP: the private address it maps to while associated.</summary>
        public string? PrivateIpAddress { get; set; }
        /// <summary>Elastic IP: the association id while associated.</summary>
        public string? AssociationId { get; set; }
        public string? HolderInstanceId { get; set; }
        public string? HolderNetworkInterfaceId { get; set; }
        /// <summary>The holder interface's subnet (a secondary private IP can move only within it).</summary>
        public string? SubnetId { get; set; }
        /// <summary>The holder interface's VPC.</summary>
        public string? VpcId { get; set; }
        /// <summary>True when some interface holds the address.</summary>
        public bool IsAssociated => HolderNetworkInterfaceId != null;

        public override string ToString() => AllocationId ?? PrivateIp ?? PublicIp ?? "";
    }
}
