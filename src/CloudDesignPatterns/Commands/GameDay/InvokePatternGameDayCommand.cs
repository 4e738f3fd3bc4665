using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Commands.Sandbox;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.GameDay;
using CloudDesignPatterns.Engine.GameDay.Report;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.GameDay;
using CloudDesignPatterns.Sandbox;

namespace CloudDesignPatterns.Commands.GameDay
{
    /// <summary>
    /// Runs GameDay drills: breaks a service on purpose, recovers it with the pattern cmdlets or a runbook, measures
    /// detection, RTO and RPO, and always puts the fault back. Against the sandbox every fault is available; against
    /// real AWS only plain EC2 actions on the drill's own resources, each confirmed (ConfirmImpact High).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PatternGameDay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GameDayResult))]
    public sealed class InvokePatternGameDayCommand : AwsCmdlet
    {
        private const string PathSet = "Path", DrillSet = "Drill";

        /// <summary>Drill files (.psd1), schema in docs/gameday.md.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Drills written inline, as hashtables of the same schema (script blocks allowed).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DrillSet, ValueFromPipeline = true)]
        public Hashtable[] Drill { get; set; } = Array.Empty<Hashtable>();

        /// <summary>Runs each drill this many times; the result gives minimum, median and maximum RTO.</summary>
        [Parameter] [ValidateRange(1, 100)] public int Repeat { get; set; } = 1;

        /// <summary>Writes the self-contained HTML report of every drill of this call.</summary>
        [Parameter] public string? ReportPath { get; set; }

        /// <summary>Writes a JUnit XML file, one test case per expectation, for CI systems.</summary>
        [Parameter] public string? JUnitPath { get; set; }

        /// <summary>Credentials for the recovery and the probes (for example the RoutingFailover role); the drill's own when omitted.</summary>
        [Parameter] [Credential] public PSCredential? RecoveryCredential { get; set; }

        private readonly List<GameDayResult> results = new List<GameDayResult>();
        private ISandboxControl? sandbox;

        protected override void BeginProcessing()
        {
            ResolveContextOnce();
            var endpoint = ResolvedContext.EndpointFor("ec2")?.Value;
            sandbox = endpoint == null ? null : SandboxSession.ControlAt(endpoint.ToString());
        }

        protected override void ProcessRecord()
        {
            foreach (var (source, path) in Sources())
            {
                DrillDeclaration drill;
                try
                {
                    drill = DrillReader.Read(source, path);
                    RefuseSandboxOnlyFaults(drill);
                }
                catch (PatternException invalid) { WritePatternError(invalid, path ?? source); continue; }
                var target = sandbox != null ? "Sandbox" : "AWS";
                if (!ShouldProcess($"{drill.Name} ({target}, {ResolvedContext.Region.Value})",
                        $"Inject {string.Join(", ", drill.Faults)}, then recover with {string.Join(", ", drill.Recovery)}")) continue;
                var result = RunDrill(drill, target);
                if (result == null) continue;
                results.Add(result);
                WriteObject(result);
            }
        }

        protected override void EndProcessing()
        {
            WriteProgress(new ProgressRecord(1, "GameDay", "done") { RecordType = ProgressRecordType.Completed });
            if (results.Count == 0) return;
            if (ReportPath != null) GameDayHtmlReport.Write(results, GetUnresolvedProviderPathFromPSPath(ReportPath));
            if (JUnitPath != null) GameDayJUnitReport.Write(results, GetUnresolvedProviderPathFromPSPath(JUnitPath));
        }

        private GameDayResult? RunDrill(DrillDeclaration drill, string target)
        {
            var context = drill.Service.Region == null ? ResolvedContext : ResolvedContext.WithRegion(drill.Service.Region, "the drill's Service.Region");
            var ec2 = new DrillEc2(new Engine.Ec2.Ec2Session(context, NullOperationLog.Instance));
            var route53 = drill.Service.Kind == DrillServiceKind.DnsFailover ? new Route53Session(context, NullOperationLog.Instance) : null;
            var env = new DrillEnvironment(ec2, route53, sandbox, new DrillCommands(this, RecoveryConnection(context.Region.Value)), CancelToken);
            try
            {
                return new GameDayRunner(env).Run(drill, Repeat, target, CancelToken,
                    run => WriteProgress(new ProgressRecord(1, "GameDay", $"{drill.Name}: run {run} of {Repeat}") { PercentComplete = 100 * (run - 1) / Repeat }));
            }
            catch (PatternException notReady)
            {
                WritePatternError(notReady, drill.Name);
                return null;
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>An API or metadata fault is the sandbox's to inject: on AWS it would be no plain EC2 action on the drill's resources.</summary>
        private void RefuseSandboxOnlyFaults(DrillDeclaration drill)
        {
            if (sandbox != null) return;
            var refused = drill.Faults.Where(f => DrillFaultKinds.SandboxOnly(f.Kind)).Select(f => f.Kind).Distinct().ToArray();
            if (refused.Length > 0)
                throw new PatternException("DrillFaultNotSupported", PatternErrorCategory.InvalidOperation,
                    $"Drill '{drill.Name}': {string.Join(", ", refused)} can only be injected into the sandbox; against AWS a drill takes only StopInstance, TerminateInstance, LoseAvailabilityZone and RouteBlackhole on its own resources.");
        }

        private IEnumerable<(object? Source, string? Path)> Sources()
        {
            if (ParameterSetName == DrillSet)
            {
                foreach (var table in Drill) yield return (table, null);
                yield break;
            }
            foreach (var pattern in Path)
            {
                var files = new List<string>();
                try { files.AddRange(GetResolvedProviderPathFromPSPath(pattern, out _)); }
                catch (ItemNotFoundException missing)
                {
                    WriteError(new ErrorRecord(missing, "DrillFileNotFound", ErrorCategory.ObjectNotFound, pattern));
                    continue;
                }
                foreach (var file in files)
                {
                    object? content;
                    try { content = InvokeCommand.InvokeScript(SessionState, ScriptBlock.Create("param($p) Import-PowerShellDataFile -LiteralPath $p"), file).FirstOrDefault()?.BaseObject; }
                    catch (RuntimeException unreadable)
                    {
                        WriteError(new ErrorRecord(unreadable, "DrillFileInvalid", ErrorCategory.InvalidData, file));
                        continue;
                    }
                    yield return (content, file);
                }
            }
        }

        /// <summary>What the recovery and probe cmdlets are called with: this call's region and endpoint, and its credentials
        /// or -RecoveryCredential's.</summary>
        private Hashtable RecoveryConnection(string region)
        {
            var connection = new Hashtable { ["Region"] = region };
            if (EndpointUrl != null) connection["EndpointUrl"] = EndpointUrl;
            if (RecoveryCredential != null)
            {
                connection["AccessKey"] = RecoveryCredential.UserName;
                connection["SecretKey"] = RecoveryCredential.GetNetworkCredential().Password;
                return connection;
            }
            if (AccessKey != null) connection["AccessKey"] = AccessKey;
            if (SecretKey != null) connection["SecretKey"] = SecretKey;
            if (SessionToken != null) connection["SessionToken"] = SessionToken;
            if (ProfileName != null) connection["ProfileName"] = ProfileName;
            if (Credential != null) connection["Credential"] = Credential;
            return connection;
        }
    }
}
