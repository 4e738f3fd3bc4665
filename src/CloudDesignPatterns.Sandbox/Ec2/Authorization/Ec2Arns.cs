namespace CloudDesignPatterns.Sandbox.Ec2.Authorization
{
    /// <summary>EC2 resource ARNs as IAM sees them. Snapshots and images carry no account in their ARN.</summary>
    internal static class Ec2Arns
    {
        private static string Owned(string region, string account, string type, string id) => $"arn:aws:ec2:{region}:{account}:{type}/{id}";

        public static string Instance(string region, string account, string id) => Owned(region, account, "instance", id);
        public static string Volume(string region, string account, string id) => Owned(region, account, "volume", id);
        public static string SecurityGroup(string region, string account, string id) => Owned(region, account, "security-group", id);
        public static string RouteTable(string region, string account, string id) => Owned(region, account, "route-table", id);
        public static string NetworkInterface(string region, string account, string id) => Owned(region, account, "network-interface", id);
        public static string Subnet(string region, string account, string id) => Owned(region, account, "subnet", id);
        public static string Vpc(string region, string account, string id) => Owned(region, account, "vpc", id);
        public static string SecurityGroupRule(string region, string account, string id) => Owned(region, account, "security-group-rule", id);
        public static string ElasticIp(string region, string account, string id) => Owned(region, account, "elastic-ip", id);
        public static string Snapshot(string region, string id) => $"arn:aws:ec2:{region}::snapshot/{id}";
        public static string Image(string region, string id) => $"arn:aws:ec2:{region}::image/{id}";
    }
}
