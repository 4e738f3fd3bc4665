using System;
using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using S = CloudDesignPatterns.Sandbox.Ec2.SandboxSeed;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>Builds the <see cref="SandboxSeed"/> topology: a two-AZ web/db VPC in Tokyo and an empty DR VPC in Singapore.</summary>
    internal static class SeedLoader
    {
        public static void Load(Ec2World world)
        {
            // Seeded resources were created well before "now" so every snapshot/image/instance is settled.
            var created = world.Now.AddDays(-30);
            LoadPrimary(world.Region(S.Region), created);
            LoadDr(world.Region(S.DrRegion));
        }

        private static void LoadPrimary(RegionState r, DateTime created)
        {
            r.Vpcs[S.VpcId] = new VpcRecord(S.VpcId) { CidrBlock = S.VpcCidr, Tags = { ["Name"] = "cdp-vpc" } };
            r.InternetGateways[S.InternetGatewayId] = new InternetGatewayRecord(S.InternetGatewayId) { VpcId = S.VpcId };
            AddSubnet(r, S.SubnetA, S.VpcId, S.Region + "a", "10.0.1.0/24");
            AddSubnet(r, S.SubnetC, S.VpcId, S.Region + "c", "10.0.2.0/24");

            var main = AddRouteTable(r, S.MainRouteTableId, S.VpcId, S.VpcCidr, "rtbassoc-0a1b2c3d4e5f60091", S.SubnetA);
            main.Main = true;
            main.MainAssociationId = "rtbassoc-0a1b2c3d4e5f60090";
            AddRouteTable(r, S.RouteTableC, S.VpcId, S.VpcCidr, "rtbassoc-0a1b2c3d4e5f60092", S.SubnetC);

            AddDefaultGroup(r, S.DefaultSecurityGroupId, S.VpcId);
            var web = AddGroup(r, S.WebSecurityGroupId, "web", "web tier", S.VpcId);
            web.Ingress.Add(new PermissionRule { Protocol = "tcp", FromPort = 80, ToPort = 80, CidrIp = "0.0.0.0/0" });
            web.Ingress.Add(new PermissionRule { Protocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "0.0.0.0/0" });
            var ops = AddGroup(r, S.OpsSecurityGroupId, "ops", "operations access", S.VpcId);
            ops.Ingress.Add(new PermissionRule { Protocol = "tcp", FromPort = 22, ToPort = 22, CidrIp = S.VpcCidr });

            r.Snapshots[S.BaseImageSnapshotId] = new SnapshotRecord(S.BaseImageSnapshotId)
            {
                VolumeId = "vol-ffffffff", VolumeSize = 8, Description = "al2023-base root", OwnerId = S.AmazonOwnerId,
                OwnerAlias = "amazon", StartTime = created, CompletesAt = created,
            };
            var image = new ImageRecord(S.BaseImageId)
            {
                Name = S.BaseImageName, Description = "Amazon Linux 2023 base (sandbox)", OwnerId = S.AmazonOwnerId,
                OwnerAlias = "amazon", CreationDate = created, AvailableAt = created,
            };
            image.BlockDevices.Add(new ImageBlockDevice { DeviceName = "/dev/xvda", SnapshotId = S.BaseImageSnapshotId, VolumeSize = 8 });
            r.Images[S.BaseImageId] = image;
            // A Windows image, so launches that depend on the platform (PowerShell user data) can be rehearsed.
            var windows = new ImageRecord(S.WindowsImageId)
            {
                Name = S.WindowsImageName, Description = "Windows Server 2022 base (sandbox)", OwnerId = S.AmazonOwnerId,
                OwnerAlias = "amazon", CreationDate = created, AvailableAt = created, Platform = "windows", RootDeviceName = "/dev/sda1",
            };
            windows.BlockDevices.Add(new ImageBlockDevice { DeviceName = "/dev/sda1", SnapshotId = S.BaseImageSnapshotId, VolumeSize = 30 });
            r.Images[S.WindowsImageId] = windows;

            var web1 = AddInstance(r, S.Web1, "t3.small", S.SubnetA, "10.0.1.10", S.Web1Eni, "0a:1b:2c:3d:4e:01", created,
                new[] { S.WebSecurityGroupId, S.OpsSecurityGroupId });
            web1.IamRoleName = S.WebRoleName;
            web1.MetadataTags = true;
            web1.UserData = S.Web1UserData;
            Tag(web1, "Name", "web-1", "Role", "web", "cdp:snapshot:policy", "nightly", "cdp:snapshot:keep-generations", "7");
            Tag(AddVolume(r, S.Web1RootVolume, web1, "/dev/xvda", 8, created), "Name", "web-1-root");
            Tag(AddVolume(r, S.Web1DataVolume, web1, "/dev/xvdf", 100, created), "Name", "web-1-data", "Backup", "yes");
            r.Addresses[S.Web1AllocationId] = new AddressRecord(S.Web1AllocationId)
            {
                PublicIp = S.Web1PublicIp, AssociationId = S.Web1AssociationId, InstanceId = S.Web1,
                NetworkInterfaceId = S.Web1Eni, PrivateIpAddress = "10.0.1.10",
            };

            var web2 = AddInstance(r, S.Web2, "t3.small", S.SubnetC, "10.0.2.10", S.Web2Eni, "0a:1b:2c:3d:4e:02", created,
                new[] { S.WebSecurityGroupId, S.OpsSecurityGroupId });
            web2.IamRoleName = S.WebRoleName;
            web2.UserData = S.Web2UserData;
            Tag(web2, "Name", "web-2", "Role", "web");
            AddVolume(r, S.Web2RootVolume, web2, "/dev/xvda", 8, created);
            AddVolume(r, S.Web2DataVolume, web2, "/dev/xvdf", 50, created);

            var db1 = AddInstance(r, S.Db1, "m5.large", S.SubnetA, "10.0.1.20", S.Db1Eni, "0a:1b:2c:3d:4e:03", created,
                new[] { S.OpsSecurityGroupId });
            db1.IamRoleName = S.DbRoleName;
            Tag(db1, "Name", "db-1", "Role", "db", "cdp:snapshot:image", "true");
            AddVolume(r, S.Db1RootVolume, db1, "/dev/xvda", 8, created);
            AddVolume(r, S.Db1DataVolume1, db1, "/dev/xvdf", 200, created);
            AddVolume(r, S.Db1DataVolume2, db1, "/dev/xvdg", 200, created);

            var batch = AddInstance(r, S.Batch1, "t3.small", S.SubnetC, "10.0.2.30", S.Batch1Eni, "0a:1b:2c:3d:4e:04", created,
                new[] { S.OpsSecurityGroupId });
            batch.State = InstanceStates.Stopped;
            batch.StateReason = "User initiated (" + created.AddDays(1).ToString("yyyy-MM-dd HH:mm:ss") + " GMT)";
            Tag(batch, "Name", "batch-1");
            AddVolume(r, S.Batch1RootVolume, batch, "/dev/xvda", 8, created);
        }

        private static void LoadDr(RegionState r)
        {
            r.Vpcs[S.DrVpcId] = new VpcRecord(S.DrVpcId) { CidrBlock = S.DrVpcCidr, Tags = { ["Name"] = "cdp-dr-vpc" } };
            AddSubnet(r, S.DrSubnetA, S.DrVpcId, S.DrRegion + "a", "172.16.1.0/24");
            AddDefaultGroup(r, S.DrDefaultSecurityGroupId, S.DrVpcId);
        }

        private static void AddSubnet(RegionState r, string id, string vpc, string az, string cidr) =>
            r.Subnets[id] = new SubnetRecord(id) { VpcId = vpc, AvailabilityZone = az, CidrBlock = cidr };

        private static RouteTableRecord AddRouteTable(RegionState r, string id, string vpc, string vpcCidr, string assocId, string subnet)
        {
            var t = new RouteTableRecord(id) { VpcId = vpc };
            t.Routes.Add(new RouteRecord { DestinationCidrBlock = vpcCidr, GatewayId = "local", Origin = "CreateRouteTable" });
            t.Routes.Add(new RouteRecord { DestinationCidrBlock = "0.0.0.0/0", GatewayId = S.InternetGatewayId });
            t.SubnetAssociations[assocId] = subnet;
            r.RouteTables[id] = t;
            return t;
        }

        public static SecurityGroupRecord AddDefaultGroup(RegionState r, string id, string vpc)
        {
            var g = AddGroup(r, id, "default", "default VPC security group", vpc);
            g.Ingress.Add(new PermissionRule { Protocol = "-1", SourceGroupId = id });
            return g;
        }

        private static SecurityGroupRecord AddGroup(RegionState r, string id, string name, string description, string vpc)
        {
            var g = new SecurityGroupRecord(id) { GroupName = name, Description = description, VpcId = vpc };
            g.Egress.Add(new PermissionRule { Protocol = "-1", CidrIp = "0.0.0.0/0" });
            r.SecurityGroups[id] = g;
            return g;
        }

        internal static InstanceRecord AddInstance(RegionState r, string id, string type, string subnetId, string ip, string eniId,
            string mac, DateTime created, IEnumerable<string> groups)
        {
            var subnet = r.Subnets[subnetId];
            var i = new InstanceRecord(id)
            {
                ReservationId = "r-" + id.Substring(2), ImageId = S.BaseImageId, InstanceType = type, AvailabilityZone = subnet.AvailabilityZone,
                SubnetId = subnetId, VpcId = subnet.VpcId, LaunchTime = created, State = InstanceStates.Running,
            };
            i.SecurityGroupIds.AddRange(groups);
            var eni = new NetworkInterfaceRecord(eniId)
            {
                SubnetId = subnetId, VpcId = subnet.VpcId, AvailabilityZone = subnet.AvailabilityZone, MacAddress = mac,
                AttachedInstanceId = id, DeviceIndex = 0, AttachmentId = "eni-attach-" + eniId.Substring(4), Description = "",
            };
            eni.PrivateIpAddresses.Add(ip);
            eni.SecurityGroupIds.AddRange(groups);
            r.NetworkInterfaces[eniId] = eni;
            i.NetworkInterfaceIds.Add(eniId);
            r.Instances[id] = i;
            return i;
        }

        internal static VolumeRecord AddVolume(RegionState r, string id, InstanceRecord owner, string device, int size, DateTime created)
        {
            var v = new VolumeRecord(id)
            {
                Size = size, AvailabilityZone = owner.AvailabilityZone, CreateTime = created,
                SnapshotId = device == "/dev/xvda" ? S.BaseImageSnapshotId : null,
                Attachment = new VolumeAttachmentRecord { InstanceId = owner.Id, Device = device, AttachTime = created, DeleteOnTermination = device == "/dev/xvda" },
            };
            r.Volumes[id] = v;
            return v;
        }

        private static T Tag<T>(T resource, params string[] keyValues) where T : Ec2Resource
        {
            for (var n = 0; n + 1 < keyValues.Length; n += 2) resource.Tags[keyValues[n]] = keyValues[n + 1];
            return resource;
        }
    }
}
