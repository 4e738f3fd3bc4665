using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>The real AmazonEC2Client (AWSSDK.EC2 4.0.132.2) against Ec2Service over loopback: proves the SDK parses our XML.</summary>
    public sealed class SdkClientTests : IDisposable
    {
        private readonly Ec2Harness _ec2 = new Ec2Harness();
        private readonly LoopbackEc2Server _server;
        private readonly AmazonEC2Client _client;

        public SdkClientTests()
        {
            _server = new LoopbackEc2Server(_ec2.Service, _ec2.Authorizer);
            _client = _server.Client();
        }

        public void Dispose()
        {
            _client.Dispose();
            _server.Dispose();
        }

        [Fact]
        public async Task DescribeInstances_parses_instances_interfaces_volumes_and_tags()
        {
            var response = await _client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { SandboxSeed.Web1 } });
            var web1 = response.Reservations.Single().Instances.Single();
            Assert.Equal(InstanceStateName.Running, web1.State.Name);
            Assert.Equal(16, web1.State.Code);
            Assert.Equal("10.0.1.10", web1.PrivateIpAddress);
            Assert.Equal(SandboxSeed.Web1PublicIp, web1.PublicIpAddress);
            Assert.Equal(SandboxSeed.Web1Eni, web1.NetworkInterfaces.Single().NetworkInterfaceId);
            Assert.Equal("0a:1b:2c:3d:4e:01", web1.NetworkInterfaces.Single().MacAddress);
            Assert.Equal(new[] { SandboxSeed.Web1RootVolume, SandboxSeed.Web1DataVolume }, web1.BlockDeviceMappings.Select(b => b.Ebs.VolumeId));
            Assert.Equal("7", web1.Tags.Single(t => t.Key == "cdp:snapshot:keep-generations").Value);
            Assert.Equal(InstanceMetadataTagsState.Enabled, web1.MetadataOptions.InstanceMetadataTags);
            Assert.Equal(DateTimeKind.Utc, web1.LaunchTime!.Value.ToUniversalTime().Kind);
            Assert.Equal(_ec2.Now.AddDays(-30), web1.LaunchTime.Value.ToUniversalTime());
        }

        [Fact]
        public async Task Pagination_with_MaxResults_5_returns_a_token_and_the_rest()
        {
            var first = await _client.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5 });
            Assert.Equal(5, first.Volumes.Count);
            Assert.False(string.IsNullOrEmpty(first.NextToken));
            var second = await _client.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5, NextToken = first.NextToken });
            Assert.Equal(3, second.Volumes.Count);
            Assert.Null(second.NextToken);
            var instances = await _client.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 5 });
            Assert.Equal(4, instances.Reservations.SelectMany(r => r.Instances).Count());
        }

        [Fact]
        public async Task Filters_reach_the_service()
        {
            var response = await _client.DescribeInstancesAsync(new DescribeInstancesRequest
            {
                Filters = new List<Filter>
                {
                    new Filter("tag:Role", new List<string> { "web" }),
                    new Filter("instance-state-name", new List<string> { "running" }),
                },
            });
            Assert.Equal(new[] { SandboxSeed.Web1, SandboxSeed.Web2 }, response.Reservations.SelectMany(r => r.Instances).Select(i => i.InstanceId));
            var tags = await _client.DescribeTagsAsync(new DescribeTagsRequest
            {
                Filters = new List<Filter> { new Filter("resource-id", new List<string> { SandboxSeed.Db1 }) },
            });
            Assert.Contains(tags.Tags, t => t.Key == "cdp:snapshot:image" && t.Value == "true" && t.ResourceType == ResourceType.Instance);
        }

        [Theory]
        [InlineData("i-0000000000000000f", "InvalidInstanceID.NotFound")]
        [InlineData("i-bogus", "InvalidInstanceID.Malformed")]
        public async Task Errors_arrive_as_AmazonEC2Exception_codes(string id, string code)
        {
            var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                _client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { id } }));
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
            var snapshot = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                _client.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = "snap-0000000000000000f" }));
            Assert.Equal("InvalidSnapshot.NotFound", snapshot.ErrorCode);
        }

        [Fact]
        public async Task CreateSnapshots_with_tags_then_pending_to_completed()
        {
            var created = await _client.CreateSnapshotsAsync(new CreateSnapshotsRequest
            {
                InstanceSpecification = new InstanceSpecification { InstanceId = SandboxSeed.Web1, ExcludeBootVolume = true },
                CopyTagsFromSource = CopyTagsFromSource.Volume,
                Description = "nightly",
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = new List<Tag> { new Tag("cdp:snapshot:set", "s-1") } },
                },
            });
            var info = created.Snapshots.Single();
            Assert.Equal(SandboxSeed.Web1DataVolume, info.VolumeId);
            Assert.Equal(SnapshotState.Pending, info.State);
            Assert.Contains(info.Tags, t => t.Key == "Backup" && t.Value == "yes");
            Assert.Contains(info.Tags, t => t.Key == "cdp:snapshot:set" && t.Value == "s-1");

            var pending = await _client.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = new List<string> { "self" } });
            Assert.Equal(SnapshotState.Pending, pending.Snapshots.Single().State);
            Assert.Equal("0%", pending.Snapshots.Single().Progress);
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var done = await _client.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
            {
                Filters = new List<Filter> { new Filter("tag:cdp:snapshot:set", new List<string> { "s-1" }) },
            });
            Assert.Equal(SnapshotState.Completed, done.Snapshots.Single().State);
            Assert.Equal("100%", done.Snapshots.Single().Progress);
            Assert.Equal(100, done.Snapshots.Single().VolumeSize);
        }

        [Fact]
        public async Task DeleteSnapshot_in_use_by_an_image_fails_with_InUse()
        {
            var image = await _client.CreateImageAsync(new CreateImageRequest { InstanceId = SandboxSeed.Db1, Name = "db-1-image", NoReboot = true });
            var described = await _client.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = new List<string> { image.ImageId } });
            var snapshotId = described.Images.Single().BlockDeviceMappings.First().Ebs.SnapshotId;
            var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _client.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshotId }));
            Assert.Equal("InvalidSnapshot.InUse", error.ErrorCode);
            var duplicate = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                _client.CreateImageAsync(new CreateImageRequest { InstanceId = SandboxSeed.Db1, Name = "db-1-image" }));
            Assert.Equal("InvalidAMIName.Duplicate", duplicate.ErrorCode);
        }

        [Fact]
        public async Task CopySnapshot_lands_in_the_destination_region()
        {
            var source = await _client.CreateSnapshotAsync(new CreateSnapshotRequest { VolumeId = SandboxSeed.Web2DataVolume, Description = "src" });
            Assert.Equal(SnapshotState.Pending, source.Snapshot.State);
            _ec2.Advance(TimeSpan.FromSeconds(2));
            using var dr = _server.Client(SandboxSeed.DrRegion);
            var copy = await dr.CopySnapshotAsync(new CopySnapshotRequest
            {
                SourceRegion = SandboxSeed.Region,
                SourceSnapshotId = source.Snapshot.SnapshotId,
                Description = "dr",
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = new List<Tag> { new Tag("cdp:copied-from", source.Snapshot.SnapshotId) } },
                },
            });
            Assert.StartsWith("snap-", copy.SnapshotId);
            Assert.Equal(source.Snapshot.SnapshotId, copy.Tags.Single().Value);
            var inDr = await dr.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = new List<string> { copy.SnapshotId } });
            Assert.Equal("dr", inDr.Snapshots.Single().Description);
            var inPrimary = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                _client.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = new List<string> { copy.SnapshotId } }));
            Assert.Equal("InvalidSnapshot.NotFound", inPrimary.ErrorCode);
        }

        [Fact]
        public async Task RunInstances_from_an_image_and_the_instance_starts()
        {
            var image = await _client.CreateImageAsync(new CreateImageRequest { InstanceId = SandboxSeed.Web2, Name = "web-2-golden" });
            _ec2.Advance(TimeSpan.FromSeconds(2));
            var images = await _client.DescribeImagesAsync(new DescribeImagesRequest { Owners = new List<string> { "self" } });
            Assert.Equal(ImageState.Available, images.Images.Single().State);
            var run = await _client.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = image.ImageId, InstanceType = InstanceType.T3Small, MinCount = 1, MaxCount = 1, SubnetId = SandboxSeed.SubnetA,
                SecurityGroupIds = new List<string> { SandboxSeed.WebSecurityGroupId },
                UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/bash\necho restored\n")),
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = ResourceType.Instance, Tags = new List<Tag> { new Tag("Name", "web-2-restored") } },
                },
            });
            var instance = run.Reservation.Instances.Single();
            Assert.Equal(InstanceStateName.Pending, instance.State.Name);
            Assert.Equal(image.ImageId, instance.ImageId);
            Assert.Equal(2, instance.BlockDeviceMappings.Count);
            _ec2.Advance(TimeSpan.FromSeconds(1));
            var described = await _client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { instance.InstanceId } });
            Assert.Equal(InstanceStateName.Running, described.Reservations.Single().Instances.Single().State.Name);
            var userData = await _client.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest
            {
                InstanceId = instance.InstanceId, Attribute = InstanceAttributeName.UserData,
            });
            Assert.Equal("#!/bin/bash\necho restored\n", Encoding.UTF8.GetString(Convert.FromBase64String(userData.InstanceAttribute.UserData)));
            var stop = await _client.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { instance.InstanceId } });
            Assert.Equal(InstanceStateName.Stopping, stop.StoppingInstances.Single().CurrentState.Name);
        }

        [Fact]
        public async Task Routing_eip_and_firewall_calls_parse()
        {
            await _client.CreateRouteAsync(new CreateRouteRequest
            {
                RouteTableId = SandboxSeed.MainRouteTableId, DestinationCidrBlock = "100.64.0.10/32", InstanceId = SandboxSeed.Web1,
            });
            var replaceMissing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _client.ReplaceRouteAsync(new ReplaceRouteRequest
            {
                RouteTableId = SandboxSeed.RouteTableC, DestinationCidrBlock = "100.64.0.10/32", InstanceId = SandboxSeed.Web2,
            }));
            Assert.Equal("InvalidParameterValue", replaceMissing.ErrorCode);
            var tables = await _client.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
            {
                Filters = new List<Filter> { new Filter("route.destination-cidr-block", new List<string> { "100.64.0.10/32" }) },
            });
            var route = tables.RouteTables.Single().Routes.Single(r => r.DestinationCidrBlock == "100.64.0.10/32");
            Assert.Equal(SandboxSeed.Web1, route.InstanceId);
            Assert.Equal(SandboxSeed.Web1Eni, route.NetworkInterfaceId);
            Assert.Equal(RouteState.Active, route.State);
            Assert.True(tables.RouteTables.Single().Associations.Single(a => a.Main == true).Main);

            await _client.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = SandboxSeed.Web1, SourceDestCheck = false });
            var check = await _client.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest
            {
                InstanceId = SandboxSeed.Web1, Attribute = InstanceAttributeName.SourceDestCheck,
            });
            Assert.False(check.InstanceAttribute.SourceDestCheck);

            var already = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _client.AssociateAddressAsync(new AssociateAddressRequest
            {
                AllocationId = SandboxSeed.Web1AllocationId, InstanceId = SandboxSeed.Web2,
            }));
            Assert.Equal("Resource.AlreadyAssociated", already.ErrorCode);
            var moved = await _client.AssociateAddressAsync(new AssociateAddressRequest
            {
                AllocationId = SandboxSeed.Web1AllocationId, InstanceId = SandboxSeed.Web2, AllowReassociation = true,
            });
            Assert.StartsWith("eipassoc-", moved.AssociationId);
            var addresses = await _client.DescribeAddressesAsync(new DescribeAddressesRequest());
            Assert.Equal(SandboxSeed.Web2, addresses.Addresses.Single().InstanceId);

            var assigned = await _client.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
            {
                NetworkInterfaceId = SandboxSeed.Web2Eni, PrivateIpAddresses = new List<string> { "10.0.2.100" },
            });
            Assert.Equal("10.0.2.100", assigned.AssignedPrivateIpAddresses.Single().PrivateIpAddress);

            var sg = await _client.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "bastion", Description = "b", VpcId = SandboxSeed.VpcId });
            var permission = new IpPermission
            {
                IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = "198.51.100.7/32" } },
            };
            await _client.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = sg.GroupId, IpPermissions = new List<IpPermission> { permission } });
            var duplicate = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _client.AuthorizeSecurityGroupIngressAsync(
                new AuthorizeSecurityGroupIngressRequest { GroupId = sg.GroupId, IpPermissions = new List<IpPermission> { permission } }));
            Assert.Equal("InvalidPermission.Duplicate", duplicate.ErrorCode);
            var groups = await _client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = new List<string> { sg.GroupId } });
            var rule = groups.SecurityGroups.Single().IpPermissions.Single();
            Assert.Equal(22, rule.FromPort);
            Assert.Equal("198.51.100.7/32", rule.Ipv4Ranges.Single().CidrIp);
        }

        [Fact]
        public async Task Network_and_region_describes_parse()
        {
            var regions = await _client.DescribeRegionsAsync(new DescribeRegionsRequest());
            Assert.Equal(17, regions.Regions.Count);
            var zones = await _client.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest());
            Assert.Equal(3, zones.AvailabilityZones.Count);
            var vpcs = await _client.DescribeVpcsAsync(new DescribeVpcsRequest());
            Assert.Equal(SandboxSeed.VpcCidr, vpcs.Vpcs.Single().CidrBlock);
            var subnets = await _client.DescribeSubnetsAsync(new DescribeSubnetsRequest());
            Assert.Equal(2, subnets.Subnets.Count);
            var enis = await _client.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
            {
                Filters = new List<Filter> { new Filter("attachment.instance-id", new List<string> { SandboxSeed.Web1 }) },
            });
            var eni = enis.NetworkInterfaces.Single();
            Assert.Equal(SandboxSeed.Web1PublicIp, eni.Association.PublicIp);
            Assert.Equal(0, eni.Attachment.DeviceIndex);
            var volumes = await _client.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = new List<string> { SandboxSeed.Web1RootVolume } });
            Assert.Equal(VolumeState.InUse, volumes.Volumes.Single().State);
            Assert.Equal(SandboxSeed.Web1, volumes.Volumes.Single().Attachments.Single().InstanceId);
        }
    }
}
