using System;
using System.Collections.Generic;
using System.Diagnostics;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Commands.Sandbox
{
    /// <summary>
    /// The sandboxes this PowerShell process started (at most one in-process, any number as processes), and what
    /// starting one changed (session endpoint, metadata endpoint), so Stop-PatternSandbox puts it all back.
    /// </summary>
    internal static class SandboxSession
    {
        private const string ImdsEndpointVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
        private const string ImdsDisabledVariable = "AWS_EC2_METADATA_DISABLED";

        internal sealed class Entry
        {
            public SandboxInfo Info { get; set; } = new SandboxInfo();
            public SandboxHost? Host { get; set; }
            public Process? Process { get; set; }
            public Saved? Restore { get; set; }
        }

        /// <summary>What was there before a sandbox became the session's default.</summary>
        internal sealed class Saved
        {
            public string? EndpointUrl { get; set; }
            public string? Region { get; set; }
            public string? ImdsEndpoint { get; set; }
            public string? ImdsDisabled { get; set; }
        }

        private static readonly List<Entry> Running = new List<Entry>();

        public static IReadOnlyList<Entry> All { get { lock (Running) return Running.ToArray(); } }

        public static Entry? InProcess { get { lock (Running) return Running.Find(e => e.Host != null); } }

        public static void Add(Entry entry) { lock (Running) Running.Add(entry); }

        public static void Remove(Entry entry) { lock (Running) Running.Remove(entry); }

        /// <summary>Points the session (endpoint, region) and instance metadata at the sandbox.</summary>
        public static Saved MakeDefault(SandboxInfo info)
        {
            var defaults = SessionDefaults.Current;
            var saved = new Saved
            {
                EndpointUrl = defaults.EndpointUrl,
                Region = defaults.Region,
                ImdsEndpoint = Environment.GetEnvironmentVariable(ImdsEndpointVariable),
                ImdsDisabled = Environment.GetEnvironmentVariable(ImdsDisabledVariable),
            };
            SessionDefaults.Set(info.Region, null, info.EndpointUrl);
            Environment.SetEnvironmentVariable(ImdsEndpointVariable, info.EndpointUrl.TrimEnd('/'));
            Environment.SetEnvironmentVariable(ImdsDisabledVariable, "false");
            return saved;
        }

        public static void RestoreDefaults(Saved saved, SandboxInfo info)
        {
            // Only undo what is still ours: a default changed since then is the user's.
            var defaults = SessionDefaults.Current;
            if (defaults.EndpointUrl == info.EndpointUrl)
            {
                SessionDefaults.Clear(region: defaults.Region == info.Region, profileName: false, endpointUrl: true);
                SessionDefaults.Set(defaults.Region == info.Region ? saved.Region : null, null, saved.EndpointUrl);
            }
            if (Environment.GetEnvironmentVariable(ImdsEndpointVariable) == info.EndpointUrl.TrimEnd('/'))
            {
                Environment.SetEnvironmentVariable(ImdsEndpointVariable, saved.ImdsEndpoint);
                Environment.SetEnvironmentVariable(ImdsDisabledVariable, saved.ImdsDisabled);
            }
        }

        /// <summary>The control of the sandbox a command means: the given endpoint, the in-process one, or the session's.</summary>
        public static ISandboxControl? Control(string? endpointUrl)
        {
            if (endpointUrl != null) return Matching(endpointUrl)?.Host?.Control ?? new SandboxControlClient(new Uri(endpointUrl));
            var local = InProcess;
            if (local?.Host != null) return local.Host.Control;
            var any = All.Count > 0 ? All[0] : null;
            if (any != null) return new SandboxControlClient(new Uri(any.Info.EndpointUrl));
            return null;
        }

        /// <summary>The control of a sandbox this session started at that endpoint; null for any other endpoint (real AWS).</summary>
        public static ISandboxControl? ControlAt(string endpointUrl)
        {
            var entry = Matching(endpointUrl);
            return entry == null ? null : entry.Host?.Control ?? new SandboxControlClient(new Uri(entry.Info.EndpointUrl));
        }

        private static Entry? Matching(string endpointUrl)
            => All.Count == 0 ? null : ((List<Entry>)new List<Entry>(All)).Find(e => string.Equals(e.Info.EndpointUrl.TrimEnd('/'), endpointUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
