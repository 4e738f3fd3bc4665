using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ssm
{
    /// <summary>
    /// Runs an association now (Set-PatternSandbox -RunAssociation): resolves its targets among the sandbox's instances,
    /// and for each runs the document's commands in a child pwsh whose instance metadata is that instance's (the sandbox's
    /// IMDS answers for the current instance, so targets run one after another and the current instance is put back after),
    /// with no keys in its environment: credentials come from the instance role, as on EC2. Each exit code and output
    /// land in the execution's target records. MaxErrors stops the run early; MaxConcurrency is recorded, not applied.
    /// </summary>
    internal sealed class AssociationRunner
    {
        private const int OutputLimit = 2500; // what Run Command keeps of a step's output in its console view
        private static readonly TimeSpan TargetTimeout = TimeSpan.FromMinutes(10);
        private static readonly string[] Scrubbed =
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_SSM", "AWS_DEFAULT_REGION",
        };
        private static readonly object RunGate = new object();
        private readonly SandboxState _state;

        public AssociationRunner(SandboxState state) => _state = state;

        public string Run(string associationId, string pwshPath, string endpointUrl)
        {
            var association = _state.Ssm.Find(associationId) ?? throw new ArgumentException($"The sandbox has no association '{associationId}'.");
            var execution = new SsmExecution
            {
                ExecutionId = Guid.NewGuid().ToString(), AssociationVersion = association.Version, CreatedAt = _state.Clock.UtcNow, Status = "InProgress",
            };
            _state.Ssm.With(_ => { association.Executions.Add(execution); return true; });

            var targets = Resolve(association);
            if (targets.Count == 0)
            {
                Finish(execution, "Failed", $"NoTargets: {Describe(association.Targets)} selected no instance in {association.Region}.");
                return execution.ExecutionId;
            }
            var maxErrors = MaxErrors(association.MaxErrors, targets.Count);
            var script = string.Join("\n", association.Parameters.TryGetValue("commands", out var commands) ? commands : new List<string>());
            var failures = 0;
            foreach (var instance in targets)
            {
                SsmExecutionTarget record;
                if (failures > maxErrors)
                    record = new SsmExecutionTarget { ResourceId = instance.InstanceId, Status = "Skipped", DetailedStatus = $"MaxErrors ({association.MaxErrors}) reached", FinishedAt = _state.Clock.UtcNow };
                else
                    record = RunOn(instance, script, pwshPath, endpointUrl);
                if (record.Status == "Failed") failures++;
                _state.Ssm.With(_ => { execution.Targets.Add(record); return true; });
            }
            var failed = execution.Targets.Any(t => t.Status != "Success");
            Finish(execution, failed ? "Failed" : "Success", failed ? "Failed" : "Success");
            return execution.ExecutionId;
        }

        private SsmExecutionTarget RunOn(ImdsInstanceView instance, string script, string pwshPath, string endpointUrl)
        {
            var file = Path.Combine(Path.GetTempPath(), $"cdp-ssm-{Guid.NewGuid():n}.ps1");
            File.WriteAllText(file, script);
            try
            {
                lock (RunGate)
                {
                    var previous = _state.CurrentInstanceId;
                    _state.SetCurrentInstance(instance.InstanceId);
                    try { return Execute(instance, file, pwshPath, endpointUrl); }
                    finally { if (previous != null) _state.SetCurrentInstance(previous); }
                }
            }
            finally { File.Delete(file); }
        }

        private SsmExecutionTarget Execute(ImdsInstanceView instance, string file, string pwshPath, string endpointUrl)
        {
            var start = new ProcessStartInfo(pwshPath)
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            };
            start.Arguments = $"-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"{file}\"";
            foreach (var name in Scrubbed) start.Environment.Remove(name);
            start.Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = endpointUrl;
            start.Environment["AWS_ENDPOINT_URL"] = endpointUrl;
            start.Environment["AWS_REGION"] = instance.Region;

            var output = new System.Text.StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exit = -1;
            if (process.WaitForExit((int)TargetTimeout.TotalMilliseconds)) { process.WaitForExit(); exit = process.ExitCode; }
            else { try { process.Kill(); } catch (InvalidOperationException) { } }
            string text;
            lock (output) text = output.ToString();
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            var summary = lines.LastOrDefault(l => l.StartsWith("{\"type\":\"summary\"", StringComparison.Ordinal));
            return new SsmExecutionTarget
            {
                ResourceId = instance.InstanceId,
                Status = exit == 0 ? "Success" : "Failed",
                ExitCode = exit,
                DetailedStatus = summary ?? $"exit {exit}: {(exit == -1 ? "timed out after " + TargetTimeout.TotalMinutes + " minutes" : lines.LastOrDefault() ?? "no output")}",
                Output = text.Length > OutputLimit ? text.Substring(text.Length - OutputLimit) : text,
                FinishedAt = _state.Clock.UtcNow,
                CommandId = Guid.NewGuid().ToString(),
            };
        }

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

        /// <summary>"0", "2" or "10%": how many failed targets are tolerated before the rest are skipped.</summary>
        private static int MaxErrors(string? text, int targets)
        {
            if (string.IsNullOrEmpty(text)) return 0;
            if (text!.EndsWith("%", StringComparison.Ordinal) && int.TryParse(text.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                return targets * percent / 100;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        private static string Describe(List<SsmTarget> targets) => string.Join(", ", targets.Select(t => $"{t.Key}={string.Join(",", t.Values)}"));
    }
}
