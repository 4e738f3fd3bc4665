using System.Linq;
using System.Text.Json;
using CloudDesignPatterns.Sandbox.Hosting;
using CloudDesignPatterns.Tests.Core;

namespace CloudDesignPatterns.Tests.Schedules
{
    /// <summary>
    /// The AWS CLI's ssm association commands (botocore's JSON 1.1 parser) against the sandbox: what an operator types to
    /// watch fleet schedules works on the stand-in as on AWS. Needs /usr/bin/aws (CI installs it) and fails without it.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class SsmAwsCliTests : IClassFixture<SandboxHostFixture>
    {
        private readonly SandboxHost host;

        public SsmAwsCliTests(SandboxHostFixture fixture) => host = fixture.Host;

        private (int Exit, string Out, string Err) Aws(params string[] args) => AwsCli.Run(host.Endpoint.ToString(), "ap-northeast-1", args);

        [Fact]
        public void Cli_creates_lists_describes_and_deletes_an_association_and_parses_errors()
        {
            var created = Aws("ssm", "create-association", "--name", "AWS-RunPowerShellScript", "--association-name", "cdp-cli-test",
                "--targets", "Key=tag:Role,Values=web", "--schedule-expression", "rate(1 day)", "--parameters", "commands=Get-Date");
            Assert.True(created.Exit == 0, created.Err);
            var id = JsonDocument.Parse(created.Out).RootElement.GetProperty("AssociationDescription").GetProperty("AssociationId").GetString()!;

            var listed = Aws("ssm", "list-associations", "--association-filter-list", "key=AssociationName,value=cdp-cli-test");
            Assert.True(listed.Exit == 0, listed.Err);
            var associations = JsonDocument.Parse(listed.Out).RootElement.GetProperty("Associations").EnumerateArray().ToList();
            Assert.Single(associations);
            Assert.Equal(id, associations[0].GetProperty("AssociationId").GetString());
            Assert.Equal("rate(1 day)", associations[0].GetProperty("ScheduleExpression").GetString());

            var described = Aws("ssm", "describe-association", "--association-id", id);
            Assert.True(described.Exit == 0, described.Err);
            Assert.Equal("Get-Date", JsonDocument.Parse(described.Out).RootElement.GetProperty("AssociationDescription")
                .GetProperty("Parameters").GetProperty("commands")[0].GetString());

            var executions = Aws("ssm", "describe-association-executions", "--association-id", id);
            Assert.True(executions.Exit == 0, executions.Err);
            Assert.Equal(0, JsonDocument.Parse(executions.Out).RootElement.GetProperty("AssociationExecutions").GetArrayLength());

            var deleted = Aws("ssm", "delete-association", "--association-id", id);
            Assert.True(deleted.Exit == 0, deleted.Err);
            var gone = Aws("ssm", "describe-association", "--association-id", id);
            Assert.NotEqual(0, gone.Exit);
            Assert.Contains("AssociationDoesNotExist", gone.Err);
        }
    }
}
