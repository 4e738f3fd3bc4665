using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Schedules.Fleet;
using CloudDesignPatterns.Engine.Ssm;

namespace CloudDesignPatterns.Tests.Schedules
{
    /// <summary>The fleet job ↔ State Manager mapping: the association request, its read-back, the per-instance records and the input checks.</summary>
    public class FleetAssociationMappingTests
    {
        private static FleetJobDefinition Job(string tag = "cdp:snapshot:policy=nightly", string source = "/opt/cdp/CloudDesignPatterns.psd1") => new FleetJobDefinition
        {
            Name = "snapshot", Pattern = "Snapshot", Command = "New-PatternSnapshot -Self -Wait", Schedule = "cron(30 2 * * ? *)",
            TargetTag = tag, MaxConcurrency = "5", MaxErrors = "10%", ModuleSource = source,
        };

        [Fact]
        public void Create_request_runs_AWS_RunPowerShellScript_by_tag_with_the_schedule_and_limits()
        {
            var request = FleetAssociationJson.CreateRequest(Job());
            Assert.Equal("AWS-RunPowerShellScript", request["Name"]!.ToString());
            Assert.Equal("cdp-snapshot", request["AssociationName"]!.ToString());
            Assert.Equal("cron(30 2 * * ? *)", request["ScheduleExpression"]!.ToString());
            Assert.Equal("5", request["MaxConcurrency"]!.ToString());
            Assert.Equal("10%", request["MaxErrors"]!.ToString());
            var target = (JsonObject)((JsonArray)request["Targets"]!)[0]!;
            Assert.Equal("tag:cdp:snapshot:policy", target["Key"]!.ToString());
            Assert.Equal(new[] { "nightly" }, ((JsonArray)target["Values"]!).Select(v => v!.ToString()));
            var commands = ((JsonArray)request["Parameters"]!["commands"]!).Select(c => c!.ToString()).ToList();
            Assert.StartsWith("# cdp:job {", commands[0]);
            Assert.Contains("Import-Module '/opt/cdp/CloudDesignPatterns.psd1'", commands);
            Assert.Contains("New-PatternSnapshot -Self -Wait", commands);
            Assert.Equal("exit (Invoke-PatternJob -Name 'snapshot' -Command $command).ExitCode", commands.Last());
        }

        [Fact]
        public void A_key_alone_targets_tag_key_and_update_names_the_association_not_the_document()
        {
            var target = (JsonObject)FleetAssociationJson.Targets(Job(tag: "cdp:snapshot:policy"))[0]!;
            Assert.Equal("tag-key", target["Key"]!.ToString());
            Assert.Equal("cdp:snapshot:policy", ((JsonArray)target["Values"]!)[0]!.ToString());
            var update = FleetAssociationJson.UpdateRequest(Job(), "a-1");
            Assert.Equal("a-1", update["AssociationId"]!.ToString());
            Assert.False(update.ContainsKey("Name"));
        }

        [Fact]
        public void An_s3_module_source_is_fetched_with_the_CLI_and_a_failed_fetch_prints_a_failed_summary()
        {
            var commands = FleetJobScript.Render(Job(source: "s3://ops-bucket/modules/CloudDesignPatterns.zip"));
            Assert.Contains(commands, l => l.StartsWith("aws s3 cp 's3://ops-bucket/modules/CloudDesignPatterns.zip'"));
            Assert.Contains(commands, l => l.Contains("\"errorId\":\"ModuleSourceUnavailable\"") && l.EndsWith("exit 1 }"));
            Assert.Contains(commands, l => l.StartsWith("Expand-Archive"));
        }

        [Theory]
        [InlineData("cdp:snapshot:policy=nightly")]
        [InlineData("cdp:snapshot:policy")]
        public void An_association_reads_back_as_the_same_job(string tag)
        {
            var job = Job(tag);
            var request = FleetAssociationJson.CreateRequest(job);
            var description = new JsonObject
            {
                ["AssociationId"] = "a-1", ["Targets"] = request["Targets"]!.DeepClone(), ["ScheduleExpression"] = job.Schedule,
                ["Parameters"] = request["Parameters"]!.DeepClone(), ["MaxConcurrency"] = "5", ["MaxErrors"] = "10%",
            };
            var back = FleetAssociationJson.Job(description);
            Assert.NotNull(back);
            Assert.True(back!.SameDefinition(job), job.Differences(back));
        }

        [Fact]
        public void An_association_without_our_declaration_is_not_ours()
            => Assert.Null(FleetAssociationJson.Job(new JsonObject { ["Parameters"] = new JsonObject { ["commands"] = new JsonArray("Get-Date") } }));

        [Fact]
        public void Differences_name_each_changed_part_old_then_new()
        {
            var changed = Job();
            changed.Schedule = "rate(1 day)";
            changed.MaxErrors = "0";
            Assert.Equal("schedule 'cron(30 2 * * ? *)' → 'rate(1 day)'; MaxErrors '10%' → '0'", changed.Differences(Job()));
        }

        [Fact]
        public void Instance_records_take_status_and_the_Run_Command_id_from_the_target_and_no_output()
        {
            var run = FleetAssociationJson.InstanceRun(new JsonObject
            {
                ["ResourceId"] = "i-1", ["Status"] = "Failed", ["DetailedStatus"] = "Failed", ["ExecutionId"] = "e-1", ["LastExecutionDate"] = 1700000000.5,
                ["OutputSource"] = new JsonObject { ["OutputSourceId"] = "c-1", ["OutputSourceType"] = "RunCommand" },
            });
            Assert.Equal(("i-1", "Failed", (int?)null, "c-1", "e-1", ""), (run.InstanceId, run.Status, run.ExitCode, run.CommandId, run.ExecutionId, run.Summary));
            Assert.Equal(2023, run.FinishedAt!.Value.Year);
            Assert.Null(run.Error);
            // Until the invocation is read, a success counts as exit 0; a target skipped after MaxErrors has no command.
            var skipped = FleetAssociationJson.InstanceRun(new JsonObject { ["Status"] = "Skipped", ["DetailedStatus"] = "MaxErrors (0) reached" });
            Assert.Null(skipped.CommandId);
            Assert.Equal("MaxErrors (0) reached", skipped.Error);
            Assert.Equal(0, FleetAssociationJson.InstanceRun(new JsonObject { ["Status"] = "Success", ["DetailedStatus"] = "Success" }).ExitCode);
        }

        [Fact]
        public void The_invocation_gives_the_exit_code_and_the_last_summary_line_of_stdout()
        {
            var summary = "{\"type\":\"summary\",\"job\":\"snapshot\",\"status\":\"Failed\",\"exitCode\":1,\"errorId\":\"ImdsUnavailable\",\"error\":\"no metadata\"}";
            var run = FailedRun();
            FleetAssociationJson.AddInvocation(run, new JsonObject
            {
                ["ResponseCode"] = 1, ["Status"] = "Failed", ["StatusDetails"] = "Failed",
                ["StandardOutputContent"] = "{\"type\":\"awsCall\",\"action\":\"ec2:DescribeInstances\"}\n{\"type\":\"summary\",\"status\":\"Succeeded\"}\n" + summary + "\r\n\n",
                ["StandardErrorContent"] = "an error\n",
            });
            Assert.Equal((1, summary, "ImdsUnavailable", "no metadata"), (run.ExitCode, run.Summary, run.ErrorId, run.Error));

            // No summary line (pwsh missing, the module not found): the code, and the last line of stderr says why.
            var crashed = FailedRun();
            FleetAssociationJson.AddInvocation(crashed, new JsonObject
            {
                ["ResponseCode"] = 127, ["StatusDetails"] = "Failed", ["StandardOutputContent"] = "", ["StandardErrorContent"] = "line 1\npwsh: not found\n",
            });
            Assert.Equal((127, "", "pwsh: not found"), (crashed.ExitCode, crashed.Summary, crashed.Error));

            // ResponseCode -1: not run or still running, so no exit code.
            var running = FailedRun();
            FleetAssociationJson.AddInvocation(running, new JsonObject { ["ResponseCode"] = -1, ["StatusDetails"] = "InProgress" });
            Assert.Null(running.ExitCode);
            Assert.Equal("Run Command status: InProgress", running.Error);
        }

        private static CloudDesignPatterns.Model.Schedules.FleetInstanceRun FailedRun()
            => new CloudDesignPatterns.Model.Schedules.FleetInstanceRun { InstanceId = "i-1", Status = "Failed", CommandId = "c-1" };

        [Theory]
        [InlineData("cron(30 2 * * ? *)", true)]
        [InlineData("rate(1 day)", false)]
        public void A_cron_association_runs_only_at_its_times_and_an_update_sends_the_flag_either_way(string schedule, bool cronOnly)
        {
            var job = Job();
            job.Schedule = schedule;
            var create = FleetAssociationJson.CreateRequest(job);
            Assert.Equal(cronOnly, create.ContainsKey("ApplyOnlyAtCronInterval"));
            if (cronOnly) Assert.True(create["ApplyOnlyAtCronInterval"]!.GetValue<bool>());
            Assert.Equal(cronOnly, FleetAssociationJson.UpdateRequest(job, "a-1")["ApplyOnlyAtCronInterval"]!.GetValue<bool>());
            var back = FleetAssociationJson.Job(new JsonObject
            {
                ["Targets"] = create["Targets"]!.DeepClone(), ["ScheduleExpression"] = schedule, ["Parameters"] = create["Parameters"]!.DeepClone(),
                ["ApplyOnlyAtCronInterval"] = cronOnly,
            })!;
            Assert.Equal(cronOnly, back.AppliesOnlyAtCronInterval);
        }

        [Theory]
        [InlineData("=x", null, null, null, "TargetTagInvalid")]
        [InlineData(null, "0", null, null, "MaxConcurrencyInvalid")]
        [InlineData(null, "150%", null, null, "MaxConcurrencyInvalid")]
        [InlineData(null, null, "some", null, "MaxErrorsInvalid")]
        [InlineData(null, null, null, "", "ModuleSourceMissing")]
        [InlineData(null, null, null, "s3://bucket/module.tar", "ModuleSourceInvalid")]
        [InlineData(null, null, null, "/opt/it's/module.psd1", "ModuleSourceInvalid")]
        public void Bad_input_is_refused_with_its_id(string? tag, string? concurrency, string? errors, string? source, string errorId)
        {
            var job = Job();
            if (tag != null) job.TargetTag = tag;
            if (concurrency != null) job.MaxConcurrency = concurrency;
            if (errors != null) job.MaxErrors = errors;
            if (source != null) job.ModuleSource = source;
            var e = Assert.Throws<PatternException>(() => FleetScheduleStore.ValidateInput(job));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, e.Category);
        }

        [Theory]
        [InlineData("rate(29 minutes)", "ScheduleTooFrequent")]
        [InlineData("cron(0/5 * * * ? *)", "ScheduleTooFrequent")]
        [InlineData("nightly", "ScheduleExpressionInvalid")]
        public void Schedules_State_Manager_would_refuse_are_refused_first(string schedule, string errorId)
        {
            var job = Job();
            job.Schedule = schedule;
            Assert.Equal(errorId, Assert.Throws<PatternException>(() => FleetScheduleStore.ValidateInput(job)).ErrorId);
        }

        [Fact]
        public void Rate_30_minutes_is_State_Managers_minimum_and_is_accepted()
        {
            var job = Job();
            job.Schedule = "rate(30 minutes)";
            FleetScheduleStore.ValidateInput(job);
        }

        [Fact]
        public void Json_protocol_errors_keep_the_code_after_the_namespace()
        {
            var e = SsmJsonClient.Error("{\"__type\":\"com.amazonaws.ssm#AssociationDoesNotExist\",\"message\":\"gone\"}", HttpStatusCode.BadRequest, "r-1");
            Assert.Equal("AssociationDoesNotExist", e.ErrorCode);
            Assert.Equal("gone", e.Message);
            Assert.Equal("r-1", e.RequestId);
            Assert.Equal("ThrottlingException", SsmJsonClient.Error("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", HttpStatusCode.BadRequest, null).ErrorCode);
        }
    }
}
