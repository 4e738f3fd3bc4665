namespace CloudDesignPatterns.Engine.Validation
{
    /// <summary>The kinds of EC2 resource id the module accepts from users, tags and user data.</summary>
    public enum ResourceKind
    {
        Instance,
        Volume,
        Snapshot,
        Image,
        RouteTable,
        NetworkInterface,
        SecurityGroup,
        ElasticIpAllocation,
        Subnet,
        Vpc,
    }
}
