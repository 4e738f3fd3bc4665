using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Imds;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>
    /// Runs an association now (Set-PatternSandbox -RunAssociation): resolves its targets among the sandbox's instances,
    /// and for each runs the document's commands in a child pwsh whose instance metadata is that instance's (a metadata
    /// endpoint of its own per running child), with no keys in its environment: credentials come from the instance role,
    /// as on EC2. As State Manager, it runs up to MaxConcurrency targets at once (never more than
    /// <see cref="ConcurrencyCeiling"/>: each child is a CPU-bound pwsh on this machine, not a host of its own) and starts no
    /// new target once more than MaxErrors have failed. The execution is one Run Command command: each target's exit
    /// code, stdout and stderr are that command's invocation on the instance, read back with GetCommandInvocation.
    /// </summary>
    internal sealed class AssociationRunner
    {
        /// <summary>Run Command keeps the first 24,000 characters of a step's stdout (and of stderr) in GetCommandInvocation.</summary>
        public const int OutputLimit = 24000;
        private static readonly TimeSpan TargetTimeout = TimeSpan.FromMinutes(10);
        private static readonly string[] Scrubbed =
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_SSM", "AWS_DEFAULT_REGION",
        };
        private readonly SandboxState _state;

        public AssociationRunner(SandboxState state) => _state = state;

        /// <summary>Twice the cores, at least 2: more child pwsh processes at once only queue for the CPU.</summary>
        public static int ConcurrencyCeiling => Math.Max(2, Environment.ProcessorCount * 2);

        public string Run(string associationId, string pwshPath, string endpointUrl)
        {
            var association = _state.Ssm.Find(associationId) ?? throw new ArgumentException($"The sandbox has no association '{associationId}'.");
            var execution = new SsmExecution
            {
                ExecutionId = Guid.NewGuid().ToString(), CommandId = Guid.NewGuid().ToString(), AssociationVersion = association.Version,
                CreatedAt = _state.Clock.UtcNow, Status = "InProgress",
            };
            _state.Ssm.With(_ => { association.Executions.Add(execution); return true; });

            var targets = Resolve(association);
            if (targets.Count == 0)
            {
                Finish(execution, "Failed", $"NoTargets: {Describe(association.Targets)} selected no instance in {association.Region}.");
                return execution.ExecutionId;
            }
            var maxErrors = Limit(association.MaxErrors, targets.Count, 0);
            var concurrency = Math.Min(ConcurrencyCeiling, Math.Max(1, Limit(association.MaxConcurrency, targets.Count, targets.Count)));
            var script = string.Join("\n", association.Parameters.TryGetValue("commands", out var commands) ? commands : new List<string>());
            var file = Path.Combine(Path.GetTempPath(), $"cdp-ssm-{Guid.NewGuid():n}.ps1");
            File.WriteAllText(file, script);
            var queue = new Queue<ImdsInstanceView>(targets);
            var failures = 0;
            try
            {
                var workers = Enumerable.Range(0, Math.Min(concurrency, targets.Count)).Select(_ => new Thread(() =>
                {
                    using var metadata = new InstanceMetadataEndpoint(_state);
                    while (true)
                    {
                        ImdsInstanceView instance;
                        bool skip;
                        lock (queue)
                        {
                            if (queue.Count == 0) return;
                            instance = queue.Dequeue();
                            skip = failures > maxErrors;
                        }
                        var record = skip
                            ? new SsmExecutionTarget { ResourceId = instance.InstanceId, Status = "Skipped", DetailedStatus = $"MaxErrors ({association.MaxErrors}) reached", StartedAt = _state.Clock.UtcNow, FinishedAt = _state.Clock.UtcNow }
                            : Execute(instance, metadata, file, pwshPath, endpointUrl);
                        if (record.Status == "Failed") Interlocked.Increment(ref failures);
                        _state.Ssm.With(_ => { execution.Targets.Add(record); return true; });
                    }
                }) { IsBackground = true, Name = "cdp-association-target" }).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
            }
            finally { File.Delete(file); }
            var failed = execution.Targets.Any(t => t.Status != "Success");
            Finish(execution, failed ? "Failed" : "Success", failed ? "Failed" : "Success");
            return execution.ExecutionId;
        }

        private SsmExecutionTarget Execute(ImdsInstanceView instance, InstanceMetadataEndpoint metadata, string file, string pwshPath, string endpointUrl)
        {
            metadata.InstanceId = instance.InstanceId;
            var start = new ProcessStartInfo(pwshPath)
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            };
            start.Arguments = $"-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"{file}\"";
            foreach (var name in Scrubbed) start.Environment.Remove(name);
            start.Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = metadata.Url;
            start.Environment["AWS_ENDPOINT_URL"] = endpointUrl;
            start.Environment["AWS_REGION"] = instance.Region;
            // Each instance has its own temp folder, as its own disk would: the job lock lives there, and two instances
            // running one job at once must not find each other's lock.
            var temp = Path.Combine(Path.GetTempPath(), "cdp-ssm-instances", instance.InstanceId);
            Directory.CreateDirectory(temp);
            foreach (var name in new[] { "TMPDIR", "TEMP", "TMP" }) start.Environment[name] = temp;

            var stdout = new System.Text.StringBuilder();
            var stderr = new System.Text.StringBuilder();
            var started = _state.Clock.UtcNow;
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exit = -1;
            var timedOut = false;
            if (process.WaitForExit((int)TargetTimeout.TotalMilliseconds)) { process.WaitForExit(); exit = process.ExitCode; }
            else { timedOut = true; try { process.Kill(); } catch (InvalidOperationException) { } }
            string output, errors;
            lock (stdout) output = stdout.ToString();
            lock (stderr) errors = stderr.ToString();
            // State Manager's per-target DetailedStatus is a status word; the exit code and output are the invocation's.
            var status = timedOut ? "TimedOut" : exit == 0 ? "Success" : "Failed";
            return new SsmExecutionTarget
            {
                ResourceId = instance.InstanceId, Status = timedOut ? "Failed" : status, DetailedStatus = status, ExitCode = exit,
                StandardOutput = First(output), StandardError = First(errors), StartedAt = started, FinishedAt = _state.Clock.UtcNow, Ran = true,
            };
        }

        private static string First(string text) => text.Length > OutputLimit ? text.Substring(0, OutputLimit) : text;

        private List<ImdsInstanceView> Resolve(SsmAssociation association)
        {
            var instances = _state.Instances.InRegion(association.Region);
            return instances.Where(i => association.Targets.All(t => t.Key == "InstanceIds"
                    ? t.Values.Contains(i.InstanceId)
                    : t.Key == "tag-key"
                        ? t.Values.Any(i.Tags.ContainsKey) // every instance carrying the key, whatever its value
                        : i.Tags.TryGetValue(t.Key.Substring("tag:".Length), out var v) && t.Values.Contains(v)))
                .ToList();
        }

        private void Finish(SsmExecution execution, string status, string detail)
            => _state.Ssm.With(_ => { execution.Status = status; execution.DetailedStatus = detail; return true; });

        /// <summary>"0", "2" or "10%" of the targets (a percentage rounds down); <paramref name="otherwise"/> when not given.</summary>
        internal static int Limit(string? text, int targets, int otherwise)
        {
            if (string.IsNullOrEmpty(text)) return otherwise;
            if (text!.EndsWith("%", StringComparison.Ordinal) && int.TryParse(text.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                return targets * percent / 100;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : otherwise;
        }

        private static string Describe(List<SsmTarget> targets) => string.Join(", ", targets.Select(t => $"{t.Key}={string.Join(",", t.Values)}"));
    }
}
