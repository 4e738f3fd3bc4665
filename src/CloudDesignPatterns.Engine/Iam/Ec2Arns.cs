namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// ARN patterns for the EC2 resource types the policies name. Snapshots and public/owned images carry no account id
    /// in their ARN (arn:aws:ec2:region::snapshot/snap-…), hence the empty account component.
    /// </summary>
    internal static class Ec2Arns
    {
        public const string Any = "*";
        public const string Instance = "arn:aws:ec2:*:*:instance/*";
        public const string Volume = "arn:aws:ec2:*:*:volume/*";
        public const string Snapshot = "arn:aws:ec2:*::snapshot/*";
        public const string Image = "arn:aws:ec2:*::image/*";
        public const string NetworkInterface = "arn:aws:ec2:*:*:network-interface/*";
        public const string Subnet = "arn:aws:ec2:*:*:subnet/*";
        public const string SecurityGroup = "arn:aws:ec2:*:*:security-group/*";
        public const string RouteTable = "arn:aws:ec2:*:*:route-table/*";
        public const string ElasticIp = "arn:aws:ec2:*:*:elastic-ip/*";
        public const string SecurityGroupRule = "arn:aws:ec2:*:*:security-group-rule/*";
        public const string Vpc = "arn:aws:ec2:*:*:vpc/*";
    }
}
