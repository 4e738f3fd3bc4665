using System;
using System.Globalization;
using S = CloudDesignPatterns.Sandbox.Ec2.SandboxSeed;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>
    /// Adds a fleet of plain running instances ("fleet-0001" …, a root and a data volume each) in two subnets of their own,
    /// for fleet-wide drills and benchmarks such as backing up 500 instances under throttling. Each carries the tag
    /// Role=fleet and the instance role cdp-fleet-role, so a fleet schedule can target them and they can run it.
    /// </summary>
    internal static class FleetSeeder
    {
        public const string FleetSubnetA = "subnet-0f1ee70000000000a";
        public const string FleetSubnetC = "subnet-0f1ee70000000000c";

        public static void Load(Ec2World world, int size)
        {
            if (size <= 0) return;
            var r = world.Region(S.Region);
            var created = world.Now.AddDays(-30);
            r.Subnets[FleetSubnetA] = new SubnetRecord(FleetSubnetA) { VpcId = S.VpcId, AvailabilityZone = S.Region + "a", CidrBlock = "10.0.16.0/20" };
            r.Subnets[FleetSubnetC] = new SubnetRecord(FleetSubnetC) { VpcId = S.VpcId, AvailabilityZone = S.Region + "c", CidrBlock = "10.0.32.0/20" };
            for (var k = 1; k <= size; k++)
            {
                var inA = k % 2 == 1;
                var host = 10 + k / 2;
                var ip = string.Format(CultureInfo.InvariantCulture, "10.0.{0}.{1}", (inA ? 16 : 32) + host / 256, host % 256);
                var suffix = k.ToString("x5", CultureInfo.InvariantCulture);
                var id = "i-0f1ee7000000" + suffix;
                var instance = SeedLoader.AddInstance(r, id, "t3.micro", inA ? FleetSubnetA : FleetSubnetC, ip, "eni-0f1ee7200000" + suffix,
                    string.Format(CultureInfo.InvariantCulture, "0a:1c:{0:x2}:{1:x2}:{2:x2}:01", (k >> 16) & 255, (k >> 8) & 255, k & 255), created,
                    new[] { S.DefaultSecurityGroupId });
                var name = "fleet-" + k.ToString("0000", CultureInfo.InvariantCulture);
                instance.Tags["Name"] = name;
                instance.Tags["Role"] = "fleet";
                instance.IamRoleName = S.FleetRoleName;
                SeedLoader.AddVolume(r, "vol-0f1ee7100000" + suffix, instance, "/dev/xvda", 8, created).Tags["Name"] = name + "-root";
                SeedLoader.AddVolume(r, "vol-0f1ee7300000" + suffix, instance, "/dev/xvdf", 20, created).Tags["Name"] = name + "-data";
            }
        }
    }
}
