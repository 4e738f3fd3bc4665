using System;
using System.Linq;
using System.Reflection;
using Amazon.Util;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>
    /// Process-wide AWS SDK settings (environment variables, the SDK's cached configuration) are changed by these tests,
    /// so they run alone, after the parallel collections.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class AwsSdkProcessEnvironmentCollection
    {
        public const string Name = "AWS SDK process environment";
    }

    [Collection(AwsSdkProcessEnvironmentCollection.Name)]
    public sealed class SdkInstanceMetadataTests : IDisposable
    {
        private readonly SandboxHarness _sandbox = new SandboxHarness(fakeClock: false);
        private readonly string? _savedEndpoint = Environment.GetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        private readonly string? _savedDisabled = Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED");

        public SdkInstanceMetadataTests()
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", _sandbox.Server.Endpoint.ToString());
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "false");
            ResetSdkConfigurationCache();
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", _savedEndpoint);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", _savedDisabled);
            ResetSdkConfigurationCache();
            _sandbox.Dispose();
        }

        [Fact]
        public void The_sdk_reads_identity_placement_and_network_from_the_sandbox()
        {
            Assert.Equal(SampleInstances.WebId, EC2InstanceMetadata.InstanceId);
            Assert.Equal("ap-northeast-1a", EC2InstanceMetadata.AvailabilityZone);
            Assert.Equal("ap-northeast-1", EC2InstanceMetadata.Region.SystemName);
            Assert.Equal("10.0.1.10", EC2InstanceMetadata.PrivateIpAddress);
            Assert.Equal("t3.micro", EC2InstanceMetadata.InstanceType);
            Assert.Equal("ami-0123456789abcdef0", EC2InstanceMetadata.AmiId);
            Assert.Equal(2, EC2InstanceMetadata.NetworkInterfaces.Count());
            Assert.Equal("vpc-0a1b2c3d", EC2InstanceMetadata.NetworkInterfaces.First().VpcId);
            Assert.Equal("#!/bin/bash\n# cdp:snapshot:keep-generations=7\n", EC2InstanceMetadata.UserData);
            Assert.Contains("\"instanceId\" : \"i-0a1b2c3d4e5f60101\"".Replace(" : ", ": "), EC2InstanceMetadata.IdentityDocument);
            Assert.Equal("7", EC2InstanceMetadata.GetData("/tags/instance/cdp:snapshot:keep-generations"));
        }

        [Fact]
        public void The_sdk_reads_role_credentials_from_the_sandbox()
        {
            var info = EC2InstanceMetadata.IAMInstanceProfileInfo;
            Assert.Equal("arn:aws:iam::123456789012:instance-profile/cdp-web-role", info.InstanceProfileArn);
            var credentials = EC2InstanceMetadata.IAMSecurityCredentials;
            var role = Assert.Single(credentials);
            Assert.Equal("cdp-web-role", role.Key);
            Assert.StartsWith("ASIA", role.Value.AccessKeyId);
            Assert.True(role.Value.Expiration > DateTime.UtcNow.AddHours(5));
        }

        [Fact]
        public void The_sdk_gets_nothing_during_an_imds_outage()
        {
            _sandbox.Control.SetFaults(new CloudDesignPatterns.Sandbox.Faults.FaultSettings
            {
                ImdsDown = true, ImdsOutageMode = CloudDesignPatterns.Sandbox.Faults.ImdsOutageMode.ServiceUnavailable,
            });
            // GetData, not the InstanceId property: the SDK caches property values for the life of the process.
            Assert.Null(EC2InstanceMetadata.GetData("/instance-id"));
            Assert.Contains(_sandbox.Control.GetCalls(), c => c.Service == "imds" && c.Outcome == "ServiceUnavailable");
        }

        /// <summary>The SDK caches the metadata endpoint; its internal Reset re-reads the environment (see wire-notes).</summary>
        private static void ResetSdkConfigurationCache()
        {
            var factory = typeof(EC2InstanceMetadata).Assembly.GetTypes().First(t => t.Name == "FallbackInternalConfigurationFactory");
            factory.GetMethod("Reset", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(null, null);
        }
    }
}
