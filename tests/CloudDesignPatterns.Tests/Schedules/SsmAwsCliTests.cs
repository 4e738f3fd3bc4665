using System.Linq;
using System.Text.Json;
using CloudDesignPatterns.Engine.Iam;
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

            // A rate association cannot take ApplyOnlyAtCronInterval: State Manager starts it at once, recorded as a Pending execution.
            var executions = Aws("ssm", "describe-association-executions", "--association-id", id);
            Assert.True(executions.Exit == 0, executions.Err);
            var pending = JsonDocument.Parse(executions.Out).RootElement.GetProperty("AssociationExecutions").EnumerateArray().ToList();
            Assert.Single(pending);
            Assert.Equal("Pending", pending[0].GetProperty("Status").GetString());

            var deleted = Aws("ssm", "delete-association", "--association-id", id);
            Assert.True(deleted.Exit == 0, deleted.Err);
            var gone = Aws("ssm", "describe-association", "--association-id", id);
            Assert.NotEqual(0, gone.Exit);
            Assert.Contains("AssociationDoesNotExist", gone.Err);
        }
            [Fact]
        public void A_cron_association_with_ApplyOnlyAtCronInterval_is_echoed_and_not_started_and_a_rate_cannot_take_it()
        {
            var created = Aws("ssm", "create-association", "--name", "AWS-RunPowerShellScript", "--association-name", "cdp-cli-cron",
                "--targets", "Key=tag:Role,Values=web", "--schedule-expression", "cron(0 2 * * ? *)", "--apply-only-at-cron-interval",
                "--parameters", "commands=Get-Date");
            Assert.True(created.Exit == 0, created.Err);
            var description = JsonDocument.Parse(created.Out).RootElement.GetProperty("AssociationDescription");
            Assert.True(description.GetProperty("ApplyOnlyAtCronInterval").GetBoolean());
            var id = description.GetProperty("AssociationId").GetString()!;
            var executions = Aws("ssm", "describe-association-executions", "--association-id", id);
            Assert.Equal(0, JsonDocument.Parse(executions.Out).RootElement.GetProperty("AssociationExecutions").GetArrayLength());

            // Turning it into a rate keeps the flag unless it is cleared: refused; cleared, the update starts a run at once.
            var kept = Aws("ssm", "update-association", "--association-id", id, "--schedule-expression", "rate(1 day)");
            Assert.NotEqual(0, kept.Exit);
            Assert.Contains("ApplyOnlyAtCronInterval", kept.Err);
            var cleared = Aws("ssm", "update-association", "--association-id", id, "--schedule-expression", "rate(1 day)", "--no-apply-only-at-cron-interval");
            Assert.True(cleared.Exit == 0, cleared.Err);
            executions = Aws("ssm", "describe-association-executions", "--association-id", id);
            Assert.Equal(1, JsonDocument.Parse(executions.Out).RootElement.GetProperty("AssociationExecutions").GetArrayLength());

            var rate = Aws("ssm", "create-association", "--name", "AWS-RunPowerShellScript", "--association-name", "cdp-cli-rate",
                "--targets", "Key=tag:Role,Values=web", "--schedule-expression", "rate(1 day)", "--apply-only-at-cron-interval", "--parameters", "commands=Get-Date");
            Assert.NotEqual(0, rate.Exit);
            Assert.Contains("ValidationException", rate.Err);
            Assert.True(Aws("ssm", "delete-association", "--association-id", id).Exit == 0);
        }

        [Fact]
        public void Get_command_invocation_of_an_unknown_command_is_InvocationDoesNotExist()
        {
            var missing = Aws("ssm", "get-command-invocation", "--command-id", "00000000-0000-0000-0000-000000000000", "--instance-id", "i-0a1b2c3d4e5f60101");
            Assert.NotEqual(0, missing.Exit);
            Assert.Contains("InvocationDoesNotExist", missing.Err);
        }

        /// <summary>
        /// The published Schedule role, as the only policy of a principal: it creates tag-targeted associations of
        /// AWS-RunPowerShellScript, and nothing that runs another document or names instances; it cannot read a run's output.
        /// </summary>
        [Fact]
        public void The_Schedule_role_creates_only_tag_targeted_RunPowerShellScript_associations()
        {
            host.Control.AddPrincipal("AKIDSCHEDULECLI", "schedule-secret", "arn:aws:iam::123456789012:user/schedule-cli",
                new[] { PolicyCatalog.Get("Schedule", "Schedule").Json });
            (int Exit, string Out, string Err) AsSchedule(params string[] args) => AwsCli.RunAs("AKIDSCHEDULECLI", "schedule-secret", host.Endpoint.ToString(), "ap-northeast-1", args);

            var otherDocument = AsSchedule("ssm", "create-association", "--name", "AWS-RunShellScript", "--association-name", "cdp-other-doc",
                "--targets", "Key=tag:Role,Values=web", "--schedule-expression", "cron(0 2 * * ? *)", "--parameters", "commands=id");
            Assert.NotEqual(0, otherDocument.Exit);
            Assert.Contains("AccessDeniedException", otherDocument.Err);
            Assert.Contains("document/AWS-RunShellScript", otherDocument.Err);

            var byInstance = AsSchedule("ssm", "create-association", "--name", "AWS-RunPowerShellScript", "--association-name", "cdp-by-id",
                "--targets", "Key=InstanceIds,Values=i-0a1b2c3d4e5f60101", "--schedule-expression", "cron(0 2 * * ? *)", "--parameters", "commands=Get-Date");
            Assert.NotEqual(0, byInstance.Exit);
            Assert.Contains("instance/i-0a1b2c3d4e5f60101", byInstance.Err);

            var byTag = AsSchedule("ssm", "create-association", "--name", "AWS-RunPowerShellScript", "--association-name", "cdp-by-tag",
                "--targets", "Key=tag:Role,Values=web", "--schedule-expression", "cron(0 2 * * ? *)", "--apply-only-at-cron-interval", "--parameters", "commands=Get-Date");
            Assert.True(byTag.Exit == 0, byTag.Err);
            var id = JsonDocument.Parse(byTag.Out).RootElement.GetProperty("AssociationDescription").GetProperty("AssociationId").GetString()!;

            var output = AsSchedule("ssm", "get-command-invocation", "--command-id", "00000000-0000-0000-0000-000000000000", "--instance-id", "i-0a1b2c3d4e5f60101");
            Assert.NotEqual(0, output.Exit);
            Assert.Contains("AccessDeniedException", output.Err);
            Assert.Contains("ssm:GetCommandInvocation", output.Err);

            var deleted = AsSchedule("ssm", "delete-association", "--association-id", id);
            Assert.True(deleted.Exit == 0, deleted.Err);
            host.Control.RemovePrincipal("AKIDSCHEDULECLI");
        }
    }
}
