using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Commands.Sandbox
{
    /// <summary>
    /// Starts the local AWS stand-in (EC2, STS, IMDSv2 on one loopback port) and makes it the session's endpoint,
    /// in this process or, with -AsProcess, as a process of its own for other tools (the AWS CLI, a resource agent).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "PatternSandbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SandboxInfo))]
    public sealed class StartPatternSandboxCommand : PatternCmdlet
    {
        private static readonly TimeSpan ProcessStartTimeout = TimeSpan.FromSeconds(30);

        /// <summary>0 (the default) picks a free port.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        public SwitchParameter AsProcess { get; set; }

        /// <summary>Leave the session's endpoint, region and metadata settings alone.</summary>
        [Parameter]
        public SwitchParameter NoDefault { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string? CurrentInstanceId { get; set; }

        /// <summary>How long new snapshots and images stay pending (default 2 s).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double SnapshotDelaySeconds { get; set; } = -1;

        /// <summary>Extra running instances (fleet-0001 …, each with a root and a data volume) for fleet-wide drills and benchmarks.</summary>
        [Parameter]
        [ValidateRange(0, 5000)]
        public int FleetSize { get; set; }

        /// <summary>Serve until the command is stopped (Ctrl+C, or the process is ended). Used by -AsProcess.</summary>
        [Parameter(DontShow = true)]
        public SwitchParameter Wait { get; set; }

        protected override void EndProcessing()
        {
            if (!AsProcess && SandboxSession.InProcess != null)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    $"A sandbox already runs in this session at {SandboxSession.InProcess.Info.EndpointUrl}. Stop-PatternSandbox first, or use -AsProcess for another one."),
                    "SandboxAlreadyRunning", ErrorCategory.ResourceExists, SandboxSession.InProcess.Info));
            if (!ShouldProcess(Port == 0 ? "127.0.0.1 (a free port)" : $"127.0.0.1:{Port}", AsProcess ? "Start sandbox process" : "Start sandbox")) return;

            var entry = AsProcess ? StartProcess() : StartInProcess();
            if (!NoDefault) entry.Restore = SandboxSession.MakeDefault(entry.Info);
            SandboxSession.Add(entry);
            WriteVerbose($"Sandbox listening at {entry.Info.EndpointUrl} (current instance {entry.Info.CurrentInstanceId}).");
            WriteObject(entry.Info);
            if (Wait) CancelToken.WaitHandle.WaitOne();
        }

        private SandboxSession.Entry StartInProcess()
        {
            SandboxHost host;
            try { host = SandboxHost.Start(Port, SnapshotDelaySeconds >= 0 ? TimeSpan.FromSeconds(SnapshotDelaySeconds) : (TimeSpan?)null, CurrentInstanceId, FleetSize); }
            catch (SocketException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "SandboxPortUnavailable", ErrorCategory.ResourceUnavailable, Port));
                throw;
            }
            return new SandboxSession.Entry
            {
                Host = host,
                Info = new SandboxInfo
                {
                    EndpointUrl = host.Endpoint.ToString(),
                    Port = host.Port,
                    ProcessId = Process.GetCurrentProcess().Id,
                    InProcess = true,
                    Region = host.Region,
                    CurrentInstanceId = host.Control.CurrentInstanceId ?? "",
                    StartedAt = host.StartedAt,
                },
            };
        }

        private SandboxSession.Entry StartProcess()
        {
            var port = Port == 0 ? FreePort() : Port;
            var manifest = Path.Combine(ModuleInitializer.ModuleDirectory, "CloudDesignPatterns.psd1");
            var arguments = $"-NoProfile -NonInteractive -Command \"Import-Module '{manifest}'; Start-PatternSandbox -Port {port} -NoDefault -Wait" +
                            (CurrentInstanceId != null ? $" -CurrentInstanceId {CurrentInstanceId}" : "") +
                            (FleetSize > 0 ? $" -FleetSize {FleetSize}" : "") +
                            (SnapshotDelaySeconds >= 0 ? $" -SnapshotDelaySeconds {SnapshotDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "") +
                            " | Out-Null\"";
            var (file, prefix) = PwshCommand();
            var process = Process.Start(new ProcessStartInfo(file, prefix + arguments)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            })!;
            var endpoint = $"http://127.0.0.1:{port}/";
            WaitUntilHealthy(process, endpoint);
            return new SandboxSession.Entry
            {
                Process = process,
                Info = new SandboxInfo
                {
                    EndpointUrl = endpoint,
                    Port = port,
                    ProcessId = process.Id,
                    InProcess = false,
                    Region = SandboxSeed.Region,
                    CurrentInstanceId = CurrentInstanceId ?? SandboxSeed.Web1,
                    StartedAt = DateTime.UtcNow,
                },
            };
        }

        private void WaitUntilHealthy(Process process, string endpoint)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            var deadline = DateTime.UtcNow + ProcessStartTimeout;
            while (DateTime.UtcNow < deadline && !CancelToken.IsCancellationRequested)
            {
                if (process.HasExited)
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"The sandbox process ended at start (exit {process.ExitCode}): {process.StandardError.ReadToEnd().Trim()}"),
                        "SandboxProcessFailed", ErrorCategory.ResourceUnavailable, endpoint));
                try
                {
                    if (http.GetAsync(endpoint + "_sandbox/health").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (System.Threading.Tasks.TaskCanceledException) { }
                Thread.Sleep(100);
            }
            try { process.Kill(); } catch (InvalidOperationException) { }
            ThrowTerminatingError(new ErrorRecord(new TimeoutException($"The sandbox process did not answer at {endpoint} within {ProcessStartTimeout.TotalSeconds} s."),
                "SandboxProcessTimeout", ErrorCategory.OperationTimeout, endpoint));
        }

        private (string File, string Prefix) PwshCommand()
        {
            var self = Process.GetCurrentProcess().MainModule!.FileName!;
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                var psHome = (string)SessionState.PSVariable.GetValue("PSHOME");
                return (self, $"\"{Path.Combine(psHome, "pwsh.dll")}\" ");
            }
            return (self, "");
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
            finally { listener.Stop(); }
        }
    }
}
