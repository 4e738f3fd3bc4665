using System.Text.Json;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Model.Schedules;

namespace CloudDesignPatterns.Engine.Schedules.Jobs
{
    /// <summary>
    /// The job runner's log, one JSON object per line so journald, CloudWatch Logs or a grep can read it: "awsCall"
    /// lines, then one "summary" line per run.
    /// </summary>
    public static class JobLogLines
    {
        public static string AwsCall(string job, AwsCallRecord call) => JsonSerializer.Serialize(new
        {
            type = "awsCall", job, time = call.Time.ToString("o"), action = call.Action, target = call.Target,
            outcome = call.Outcome, ms = call.DurationMs, attempt = call.Attempt,
        });

        public static string Summary(PatternJobResult run) => JsonSerializer.Serialize(new
        {
            type = "summary", job = run.Name, status = run.Status.ToString(), exitCode = run.ExitCode,
            startedAt = run.StartedAt.ToString("o"), durationMs = run.DurationMs, items = run.Items,
            awsCalls = run.AwsCalls, failedAwsCalls = run.FailedAwsCalls,
            errorId = run.ErrorId, awsErrorCode = run.AwsErrorCode, error = run.Error,
        });
    }
}
