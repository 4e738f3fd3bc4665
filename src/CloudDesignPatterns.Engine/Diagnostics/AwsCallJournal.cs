using System;

namespace CloudDesignPatterns.Engine.Diagnostics
{
    /// <summary>One attempt of one AWS call, as Invoke-PatternJob logs it.</summary>
    public sealed class AwsCallRecord
    {
        public DateTime Time { get; set; }
        public string Action { get; set; } = "";
        public string Target { get; set; } = "";
        /// <summary>"OK", or the AWS error code / error id of the failed attempt.</summary>
        public string Outcome { get; set; } = "";
        public long DurationMs { get; set; }
        public int Attempt { get; set; }
    }

    /// <summary>
    /// Every AWS call attempt of the process, for whoever listens (the job runner writes one log line each). A static
    /// hook rather than a parameter because the job's command runs other cmdlets, each with its own call runner.
    /// </summary>
    public static class AwsCallJournal
    {
        public static event Action<AwsCallRecord>? Recorded;

        internal static void Record(string action, string target, string outcome, long durationMs, int attempt)
        {
            var listeners = Recorded;
            if (listeners == null) return;
            listeners(new AwsCallRecord { Time = DateTime.UtcNow, Action = action, Target = target, Outcome = outcome, DurationMs = durationMs, Attempt = attempt });
        }
    }
}
