namespace CloudDesignPatterns.Sandbox.Ec2
{
    /// <summary>Ids and names of the topology the sandbox starts with, so tests and drills can name them.</summary>
    public static class SandboxSeed
    {
        public const string Region = "ap-northeast-1";
        public const string DrRegion = "ap-southeast-1";
        public const string AccountId = "123456789012";
        /// <summary>Owner of public Amazon images (al2023-base).</summary>
        public const string AmazonOwnerId = "137112412989";

        public const string VpcId = "vpc-0a1b2c3d4e5f60001";
        public const string VpcCidr = "10.0.0.0/16";
        public const string InternetGatewayId = "igw-0a1b2c3d4e5f60021";
        public const string SubnetA = "subnet-0a1b2c3d4e5f60011";
        public const string SubnetC = "subnet-0a1b2c3d4e5f60012";
        public const string MainRouteTableId = "rtb-0a1b2c3d4e5f60031";
        public const string RouteTableC = "rtb-0a1b2c3d4e5f60032";
        public const string DefaultSecurityGroupId = "sg-0a1b2c3d4e5f60041";
        public const string WebSecurityGroupId = "sg-0a1b2c3d4e5f60042";
        public const string OpsSecurityGroupId = "sg-0a1b2c3d4e5f60043";

        public const string Web1 = "i-0a1b2c3d4e5f60101";
        public const string Web2 = "i-0a1b2c3d4e5f60102";
        public const string Db1 = "i-0a1b2c3d4e5f60103";
        public const string Batch1 = "i-0a1b2c3d4e5f60104";

        public const string Web1Eni = "eni-0a1b2c3d4e5f60201";
        public const string Web2Eni = "eni-0a1b2c3d4e5f60202";
        public const string Db1Eni = "eni-0a1b2c3d4e5f60203";
        public const string Batch1Eni = "eni-0a1b2c3d4e5f60204";

        public const string Web1RootVolume = "vol-0a1b2c3d4e5f60301";
        public const string Web1DataVolume = "vol-0a1b2c3d4e5f60302";
        public const string Web2RootVolume = "vol-0a1b2c3d4e5f60303";
        public const string Web2DataVolume = "vol-0a1b2c3d4e5f60304";
        public const string Db1RootVolume = "vol-0a1b2c3d4e5f60305";
        public const string Db1DataVolume1 = "vol-0a1b2c3d4e5f60306";
        public const string Db1DataVolume2 = "vol-0a1b2c3d4e5f60307";
        public const string Batch1RootVolume = "vol-0a1b2c3d4e5f60308";

        public const string BaseImageId = "ami-0a1b2c3d4e5f60401";
        public const string BaseImageName = "al2023-base";
        public const string BaseImageSnapshotId = "snap-0a1b2c3d4e5f60601";
        /// <summary>A public Windows image (platform "windows"), sharing the base image's snapshot.</summary>
        public const string WindowsImageId = "ami-0a1b2c3d4e5f60402";
        public const string WindowsImageName = "windows2022-base";

        public const string Web1AllocationId = "eipalloc-0a1b2c3d4e5f60501";
        public const string Web1PublicIp = "203.0.113.10";
        public const string Web1AssociationId = "eipassoc-0a1b2c3d4e5f60511";

        public const string WebRoleName = "cdp-web-role";
        public const string DbRoleName = "cdp-db-role";
        /// <summary>The instance role of the fleet instances (-FleetSize), which carry the tag Role=fleet.</summary>
        public const string FleetRoleName = "cdp-fleet-role";

        public const string Web1UserData =
            "#!/bin/bash\n# cdp:snapshot:destination-region=ap-southeast-1\n# cdp:routing:virtual-ip=100.64.0.10\necho hello\n";
        public const string Web2UserData = "{\"cdp:snapshot:policy\":\"nightly\",\"cdp:snapshot:keep-generations\":\"3\"}";

        public const string DrVpcId = "vpc-0a1b2c3d4e5f60002";
        public const string DrVpcCidr = "172.16.0.0/16";
        public const string DrSubnetA = "subnet-0a1b2c3d4e5f60013";
        public const string DrDefaultSecurityGroupId = "sg-0a1b2c3d4e5f60044";
    }
}
