using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SecurityToken.Model;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    public sealed class QueryApiTests : IDisposable
    {
        private const string StopPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ec2:StopInstances\"],\"Resource\":\"*\"}]}";
        private readonly ActionListDecider _decider = new ActionListDecider();
        private readonly SandboxHarness _sandbox;

        public QueryApiTests() => _sandbox = new SandboxHarness(decider: _decider);

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public async Task The_sdk_reaches_the_ec2_service_with_decoded_parameters_region_and_caller()
        {
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint);
            var response = await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });

            Assert.Equal("stopping", response.StoppingInstances.Single().CurrentState.Name.Value);
            var call = Assert.Single(_sandbox.Ec2.Executed);
            Assert.Equal("StopInstances", call.Action);
            Assert.Equal(SampleInstances.WebId, call.Parameters["InstanceId.1"]);
            Assert.False(call.Parameters.ContainsKey("Action"));
            Assert.False(call.Parameters.ContainsKey("Version"));
            Assert.Equal("ap-northeast-1", call.Region);
            Assert.Equal("AKIDEXAMPLE", call.Caller.AccessKeyId);
            Assert.Equal("arn:aws:iam::123456789012:user/sandbox-admin", call.Caller.Arn);
            Assert.Equal("123456789012", call.Caller.Account);
        }

        [Fact]
        public async Task Ec2_errors_reach_the_sdk_as_aws_error_codes()
        {
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint);
            var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { "i-404" } }));
            Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
            Assert.Equal("The instance ID 'i-404' does not exist", error.Message);
            Assert.Equal(400, (int)error.StatusCode);
        }

        [Fact]
        public async Task A_service_exception_becomes_the_ec2_error_document()
        {
            var (status, body) = await _sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15&InstanceId.1=i-404");
            Assert.Equal(400, status);
            Assert.Contains("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID &apos;i-404&apos; does not exist</Message></Error></Errors><RequestID>", body);
            var requestId = body.Split(new[] { "<RequestID>" }, StringSplitOptions.None)[1].Split('<')[0];
            Assert.True(Guid.TryParse(requestId, out _));
        }

        [Fact]
        public async Task A_request_without_sigv4_is_an_auth_failure()
        {
            var (status, body) = await _sandbox.PostQueryAsync("Action=StopInstances&Version=2016-11-15", signed: false);
            Assert.Equal(401, status);
            Assert.Contains("<Code>AuthFailure</Code>", body);
            Assert.Empty(_sandbox.Ec2.Executed);
            Assert.Equal("AuthFailure", _sandbox.Control.GetCalls().Single().Outcome);
        }

        [Fact]
        public async Task Sts_get_caller_identity_through_the_sdk_names_the_default_admin()
        {
            using var sts = SdkClients.Sts(_sandbox.Server.Endpoint);
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
            Assert.Equal("arn:aws:iam::123456789012:user/sandbox-admin", identity.Arn);
            Assert.Equal("123456789012", identity.Account);
            Assert.StartsWith("AIDA", identity.UserId);
            var call = _sandbox.Control.GetCalls().Single();
            Assert.Equal("sts", call.Service);
            Assert.Equal("GetCallerIdentity", call.Action);
        }

        [Fact]
        public async Task Sts_get_caller_identity_names_a_registered_principal()
        {
            _sandbox.Control.AddPrincipal("AKIAOPERATOR", "operator-secret", "arn:aws:iam::210987654321:user/operator", new[] { StopPolicy });
            using var sts = SdkClients.Sts(_sandbox.Server.Endpoint, "AKIAOPERATOR", "operator-secret");
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
            Assert.Equal("arn:aws:iam::210987654321:user/operator", identity.Arn);
            Assert.Equal("210987654321", identity.Account);
        }

        [Fact]
        public async Task A_registered_principal_is_denied_what_its_policies_do_not_allow_and_the_denial_is_recorded()
        {
            _sandbox.Control.AddPrincipal("AKIAOPERATOR", null, "arn:aws:iam::123456789012:user/operator", new[] { StopPolicy });
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, "AKIAOPERATOR");

            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });
            var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } }));

            Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
            Assert.Equal(403, (int)denied.StatusCode);
            Assert.Equal("You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/operator is not authorized " +
                         $"to perform: ec2:TerminateInstances on resource: arn:aws:ec2:ap-northeast-1:123456789012:instance/{SampleInstances.WebId} " +
                         "because no identity-based policy allows the ec2:TerminateInstances action", denied.Message);
            Assert.Equal(0, _sandbox.Ec2.ExecutedCount("TerminateInstances"));

            var calls = _sandbox.Control.GetCalls();
            Assert.Equal(new[] { "Success", "UnauthorizedOperation" }, calls.Select(c => c.Outcome));
            Assert.Equal(403, calls[1].HttpStatus);
            Assert.Equal("arn:aws:iam::123456789012:user/operator", calls[1].Principal);
            Assert.Equal("AKIAOPERATOR", calls[1].AccessKeyId);

            var (_, _, keys) = _decider.Asked.Last();
            Assert.Equal("ap-northeast-1", keys["aws:RequestedRegion"].Single());
        }

        [Fact]
        public async Task Unregistered_keys_are_not_checked()
        {
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, "AKIASOMEONEELSE");
            await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });
            Assert.Equal(1, _sandbox.Ec2.ExecutedCount("TerminateInstances"));
            Assert.Empty(_decider.Asked);
        }

        [Fact]
        public async Task Instance_role_credentials_are_enforced_with_the_role_policies()
        {
            _sandbox.Control.SetRolePolicies("cdp-web-role", new[] { StopPolicy });
            var token = await _sandbox.TokenAsync();
            var (_, json) = await _sandbox.GetMetadataAsync("/latest/meta-data/iam/security-credentials/cdp-web-role", token);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var key = document.RootElement.GetProperty("AccessKeyId").GetString()!;
            var secret = document.RootElement.GetProperty("SecretAccessKey").GetString()!;
            var session = document.RootElement.GetProperty("Token").GetString()!;

            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint, key, secret, session);
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } });
            var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
                ec2.RebootInstancesAsync(new RebootInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId } }));
            Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
            Assert.Contains($"User: arn:aws:sts::123456789012:assumed-role/cdp-web-role/{SampleInstances.WebId} is not authorized", denied.Message);
            Assert.Equal("arn:aws:iam::123456789012:role/cdp-web-role", _decider.Asked.Last().Keys["aws:PrincipalArn"].Single());
        }

        [Fact]
        public async Task Ec2_calls_are_recorded_with_parameters()
        {
            using var ec2 = SdkClients.Ec2(_sandbox.Server.Endpoint);
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = new List<string> { SampleInstances.WebId }, Force = true });
            var call = _sandbox.Control.GetCalls().Single();
            Assert.Equal(1, call.Sequence);
            Assert.Equal("ec2", call.Service);
            Assert.Equal("StopInstances", call.Action);
            Assert.Equal(SampleInstances.WebId, call.Parameters["InstanceId.1"]);
            Assert.Equal("true", call.Parameters["Force"]);
            Assert.False(call.Parameters.ContainsKey("Action"));
            Assert.Equal("ap-northeast-1", call.Region);
            Assert.Equal("AKIDEXAMPLE", call.AccessKeyId);
            Assert.Equal("arn:aws:iam::123456789012:user/sandbox-admin", call.Principal);
            Assert.Equal("Success", call.Outcome);
            Assert.Equal(200, call.HttpStatus);
            Assert.Equal(_sandbox.Clock!.UtcNow, call.Time);
        }

        [Fact]
        public async Task Route53_paths_go_to_route53_which_refuses_an_unsigned_request()
        {
            using var response = await _sandbox.Http.GetAsync("/2013-04-01/hostedzone");
            Assert.Equal(403, (int)response.StatusCode);
            Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync());
            var call = _sandbox.Control.GetCalls().Single();
            Assert.Equal("route53", call.Service);
            Assert.Equal("ListHostedZones", call.Action);
        }
    }
}
