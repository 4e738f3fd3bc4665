using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>
    /// Stands in for the real Ec2Service: authorizes "ec2:&lt;Action&gt;" on the first InstanceId.1 (or "*"), then
    /// records the call as executed and answers a minimal response.
    /// </summary>
    internal sealed class FakeEc2Service : IEc2Service
    {
        public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
        public ConcurrentQueue<Ec2Call> Executed { get; } = new ConcurrentQueue<Ec2Call>();

        public ResponseBody Execute(Ec2Call call) => new ResponseBody(System.Text.Encoding.UTF8.GetBytes(Answer(call)));

        private string Answer(Ec2Call call)
        {
            var resource = call.Parameters.TryGetValue("InstanceId.1", out var id)
                ? $"arn:aws:ec2:{call.Region}:{call.Caller.Account}:instance/{id}"
                : "*";
            call.Authorizer.Authorize("ec2:" + call.Action, resource, new Dictionary<string, IReadOnlyList<string>>());
            if (id == "i-404")
                throw new SandboxServiceException("InvalidInstanceID.NotFound", "The instance ID 'i-404' does not exist");
            Executed.Enqueue(call);
            if (call.Action == "StopInstances")
                return $"<StopInstancesResponse xmlns=\"{Namespace}\"><requestId>fake-request</requestId><instancesSet><item>" +
                       $"<instanceId>{id}</instanceId><currentState><code>64</code><name>stopping</name></currentState>" +
                       "<previousState><code>16</code><name>running</name></previousState></item></instancesSet></StopInstancesResponse>";
            return $"<{call.Action}Response xmlns=\"{Namespace}\"><requestId>fake-request</requestId></{call.Action}Response>";
        }

        public int ExecutedCount(string action) => Executed.Count(c => c.Action == action);
    }

    internal sealed class FakeInstanceDirectory : IInstanceDirectory
    {
        public Dictionary<string, ImdsInstanceView> Instances { get; } = new Dictionary<string, ImdsInstanceView>();

        public ImdsInstanceView? Find(string instanceId) => Instances.TryGetValue(instanceId, out var view) ? view : null;

        public IReadOnlyList<ImdsInstanceView> InRegion(string region) => Instances.Values.Where(i => i.Region == region).OrderBy(i => i.InstanceId).ToList();

        public static FakeInstanceDirectory WithSampleInstances()
        {
            var directory = new FakeInstanceDirectory();
            directory.Instances[SampleInstances.WebId] = SampleInstances.Web();
            directory.Instances[SampleInstances.DbId] = SampleInstances.Db();
            return directory;
        }
    }

    internal static class SampleInstances
    {
        public const string WebId = "i-0a1b2c3d4e5f60101";
        public const string DbId = "i-0a1b2c3d4e5f60202";
        public const string Account = "123456789012";

        public static ImdsInstanceView Web() => new ImdsInstanceView
        {
            InstanceId = WebId, Region = "ap-northeast-1", AvailabilityZone = "ap-northeast-1a", AccountId = Account,
            InstanceType = "t3.micro", ImageId = "ami-0123456789abcdef0", PrivateIpAddress = "10.0.1.10",
            PublicIpAddress = "203.0.113.10", LocalHostname = "ip-10-0-1-10.ap-northeast-1.compute.internal",
            IamRoleName = "cdp-web-role", UserData = "#!/bin/bash\n# cdp:snapshot:keep-generations=7\n",
            InstanceMetadataTags = true,
            Tags = new Dictionary<string, string> { ["Name"] = "web-1", ["cdp:snapshot:keep-generations"] = "7", ["team/owner"] = "ops" },
            Interfaces = new List<ImdsInterfaceView>
            {
                new ImdsInterfaceView
                {
                    Mac = "0a:1b:2c:3d:4e:01", InterfaceId = "eni-0a1b2c3d4e5f60101", DeviceIndex = 0, VpcId = "vpc-0a1b2c3d",
                    SubnetId = "subnet-0a1b2c3d", VpcCidrBlock = "10.0.0.0/16", SubnetCidrBlock = "10.0.1.0/24",
                    PrivateIpAddresses = new List<string> { "10.0.1.10", "10.0.1.11" },
                    SecurityGroupIds = new List<string> { "sg-0a1b2c3d", "sg-0e0f0a0b" },
                },
                new ImdsInterfaceView
                {
                    Mac = "0a:1b:2c:3d:4e:02", InterfaceId = "eni-0a1b2c3d4e5f60102", DeviceIndex = 1, VpcId = "vpc-0a1b2c3d",
                    SubnetId = "subnet-0b1b2c3d", VpcCidrBlock = "10.0.0.0/16", SubnetCidrBlock = "10.0.2.0/24",
                    PrivateIpAddresses = new List<string> { "10.0.2.10" }, SecurityGroupIds = new List<string> { "sg-0a1b2c3d" },
                },
            },
        };

        /// <summary>A Graviton instance with no public IP, no user data and metadata tags disabled.</summary>
        public static ImdsInstanceView Db() => new ImdsInstanceView
        {
            InstanceId = DbId, Region = "ap-northeast-1", AvailabilityZone = "ap-northeast-1c", AccountId = Account,
            InstanceType = "r7g.large", ImageId = "ami-0fedcba9876543210", PrivateIpAddress = "10.0.3.20",
            LocalHostname = "ip-10-0-3-20.ap-northeast-1.compute.internal", IamRoleName = "cdp-db-role",
            Tags = new Dictionary<string, string> { ["Name"] = "db-1" },
            Interfaces = new List<ImdsInterfaceView>
            {
                new ImdsInterfaceView
                {
                    Mac = "0a:1b:2c:3d:4e:03", InterfaceId = "eni-0a1b2c3d4e5f60203", VpcId = "vpc-0a1b2c3d",
                    SubnetId = "subnet-0c1b2c3d", VpcCidrBlock = "10.0.0.0/16", SubnetCidrBlock = "10.0.3.0/24",
                    PrivateIpAddresses = new List<string> { "10.0.3.20" }, SecurityGroupIds = new List<string> { "sg-0d1b2c3d" },
                },
            },
        };
    }

    internal sealed class FakeClock : ISandboxClock
    {
        public DateTime UtcNow { get; set; } = new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);
        public void Advance(TimeSpan by) => UtcNow += by;
    }

    /// <summary>Allows exactly the actions listed in any policy text (a stand-in for the real evaluator) and records what it was asked.</summary>
    internal sealed class ActionListDecider : IPolicyDecider
    {
        public ConcurrentQueue<(string Action, string Resource, IReadOnlyDictionary<string, IReadOnlyList<string>> Keys)> Asked { get; } =
            new ConcurrentQueue<(string, string, IReadOnlyDictionary<string, IReadOnlyList<string>>)>();

        public bool Decide(IReadOnlyList<string> principalPolicies, string action, string resource,
                           IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys)
        {
            Asked.Enqueue((action, resource, conditionKeys));
            return principalPolicies.Any(p => p.Contains("\"" + action + "\""));
        }
    }
}
