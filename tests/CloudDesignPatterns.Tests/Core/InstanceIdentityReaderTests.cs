using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Tests.Core
{
    public sealed class InstanceIdentityReaderTests
    {
        private const string PrimaryMac = "0e:aa:bb:cc:dd:01";
        private const string SecondMac = "0e:aa:bb:cc:dd:02";
        private readonly FakeImdsHandler handler = new FakeImdsHandler();

        public InstanceIdentityReaderTests()
        {
            handler.Tree["dynamic/instance-identity/document"] = @"{
  ""accountId"" : ""123456789012"", ""architecture"" : ""x86_64"", ""availabilityZone"" : ""ap-northeast-1a"",
  ""imageId"" : ""ami-0abcdef1234567890"", ""instanceId"" : ""i-0123456789abcdef0"", ""instanceType"" : ""t3.micro"",
  ""privateIp"" : ""10.0.1.10"", ""region"" : ""ap-northeast-1"", ""version"" : ""2017-09-30"" }";
            handler.Tree["meta-data/mac"] = PrimaryMac;
            // The listing puts the secondary interface first: the reader must still put the primary first.
            handler.Tree["meta-data/network/interfaces/macs/"] = SecondMac + "/\n" + PrimaryMac + "/";
            handler.Tree[$"meta-data/network/interfaces/macs/{PrimaryMac}/interface-id"] = "eni-primary";
            handler.Tree[$"meta-data/network/interfaces/macs/{SecondMac}/interface-id"] = "eni-second";
            handler.Tree[$"meta-data/network/interfaces/macs/{PrimaryMac}/vpc-id"] = "vpc-0aaa";
            handler.Tree[$"meta-data/network/interfaces/macs/{PrimaryMac}/subnet-id"] = "subnet-0bbb";
            handler.Tree[$"meta-data/network/interfaces/macs/{SecondMac}/vpc-id"] = "vpc-wrong";
            handler.Tree[$"meta-data/network/interfaces/macs/{SecondMac}/subnet-id"] = "subnet-wrong";
            handler.Tree["meta-data/iam/security-credentials/"] = "web-role\n";
        }

        private ImdsClient Client() => new ImdsClient(new ImdsSettings
        {
            Endpoint = new Uri("http://127.0.0.1:9/"),
            EndpointConfigured = true,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
        }, handler);

        [Fact]
        public async Task Reads_every_field_with_the_primary_interface_first()
        {
            using var client = Client();

            var identity = await new InstanceIdentityReader(client).ReadAsync(CancellationToken.None);

            Assert.Equal("i-0123456789abcdef0", identity.InstanceId);
            Assert.Equal("ap-northeast-1", identity.Region);
            Assert.Equal("ap-northeast-1a", identity.AvailabilityZone);
            Assert.Equal("123456789012", identity.AccountId);
            Assert.Equal("t3.micro", identity.InstanceType);
            Assert.Equal("ami-0abcdef1234567890", identity.ImageId);
            Assert.Equal("10.0.1.10", identity.PrivateIpAddress);
            Assert.Equal(PrimaryMac, identity.MacAddress);
            Assert.Equal(new[] { "eni-primary", "eni-second" }, identity.NetworkInterfaceIds);
            Assert.Equal("vpc-0aaa", identity.VpcId);
            Assert.Equal("subnet-0bbb", identity.SubnetId);
            Assert.Equal("web-role", identity.IamRoleName);
            Assert.Equal(1, client.TokenRequests);
        }

        [Fact]
        public async Task Instance_without_a_role_has_null_role_name()
        {
            handler.Tree.Remove("meta-data/iam/security-credentials/");
            using var client = Client();

            var identity = await new InstanceIdentityReader(client).ReadAsync(CancellationToken.None);

            Assert.Null(identity.IamRoleName);
        }

        [Fact]
        public async Task Missing_identity_document_is_ImdsInvalidIdentity()
        {
            handler.Tree.Remove("dynamic/instance-identity/document");
            using var client = Client();

            var ex = await Assert.ThrowsAsync<PatternException>(() => new InstanceIdentityReader(client).ReadAsync(CancellationToken.None));

            Assert.Equal("ImdsInvalidIdentity", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidData, ex.Category);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData(@"{ ""region"": ""ap-northeast-1"" }")]
        public void Unusable_document_is_ImdsInvalidIdentity(string document)
        {
            var ex = Assert.Throws<PatternException>(() => InstanceIdentityReader.ParseDocument(document));
            Assert.Equal("ImdsInvalidIdentity", ex.ErrorId);
        }
    }
}
