using System;
using System.Management.Automation;
using CloudDesignPatterns.Engine;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Commands.Sandbox
{
    /// <summary>Stops sandboxes this session started and puts back the endpoint and metadata settings they replaced.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "PatternSandbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class StopPatternSandboxCommand : PatternCmdlet
    {
        /// <summary>The sandbox to stop (from Start-PatternSandbox); all of this session's when omitted.</summary>
        [Parameter(ValueFromPipeline = true)]
        public SandboxInfo? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var entry in SandboxSession.All)
            {
                if (InputObject != null && !string.Equals(InputObject.EndpointUrl, entry.Info.EndpointUrl, StringComparison.OrdinalIgnoreCase)) continue;
                if (!ShouldProcess(entry.Info.EndpointUrl, "Stop sandbox")) continue;
                entry.Host?.Dispose();
                if (entry.Process != null && !entry.Process.HasExited)
                {
                    try { entry.Process.Kill(); entry.Process.WaitForExit(5000); }
                    catch (InvalidOperationException) { /* it ended meanwhile */ }
                }
                if (entry.Restore != null) SandboxSession.RestoreDefaults(entry.Restore, entry.Info);
                SandboxSession.Remove(entry);
                EngineCaches.ForgetEndpoint(entry.Info.EndpointUrl);
                WriteVerbose($"Stopped the sandbox at {entry.Info.EndpointUrl}.");
            }
        }
    }
}
