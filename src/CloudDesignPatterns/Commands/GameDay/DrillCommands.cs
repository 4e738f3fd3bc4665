using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Commands.GameDay
{
    /// <summary>
    /// Runs the pattern cmdlets (and the operator's script blocks) a drill recovers and probes with, in the caller's
    /// session, under the recovery's connection parameters, with -ErrorAction Stop so a failed step is an exception.
    /// </summary>
    internal sealed class DrillCommands
    {
        private static readonly ScriptBlock Splatted = ScriptBlock.Create("param($name, $p) & $name @p");
        // The operator's block runs as written (its closures kept), with errors made terminating around it.
        private static readonly ScriptBlock Stopping = ScriptBlock.Create("param($block) $ErrorActionPreference = 'Stop'; & $block");
        private readonly PSCmdlet cmdlet;
        private readonly Hashtable connection;

        public DrillCommands(PSCmdlet cmdlet, Hashtable connection)
        {
            this.cmdlet = cmdlet;
            this.connection = connection;
        }

        /// <summary>A pattern cmdlet with the drill's parameters plus the connection; its output, unwrapped.</summary>
        public object[] Invoke(string name, Hashtable parameters)
        {
            var all = (Hashtable)connection.Clone();
            foreach (DictionaryEntry p in parameters) all[p.Key] = p.Value;
            all["ErrorAction"] = ActionPreference.Stop;
            return Unwrap(cmdlet.InvokeCommand.InvokeScript(cmdlet.SessionState, Splatted, name, all));
        }

        /// <summary>The operator's script (a block, or the text of one from a .psd1), given the connection as $Connection.</summary>
        public object[] InvokeScript(object? script)
        {
            var block = script as ScriptBlock ?? (script is PSObject { BaseObject: ScriptBlock wrapped } ? wrapped : ScriptBlock.Create(Convert.ToString(script) ?? ""));
            cmdlet.SessionState.PSVariable.Set("Connection", connection.Clone());
            return Unwrap(cmdlet.InvokeCommand.InvokeScript(cmdlet.SessionState, Stopping, block));
        }

        private static object[] Unwrap(Collection<PSObject> output) => output.Where(o => o != null).Select(o => o.BaseObject).ToArray();

        /// <summary>A failed step as a message; Ctrl+C (PipelineStoppedException) is not a failure and goes on up.</summary>
        public static string? Failure(Exception e) => e switch
        {
            PipelineStoppedException _ => null,
            ActionPreferenceStopException stop when stop.ErrorRecord != null => Message(stop.ErrorRecord),
            RuntimeException runtime when runtime.ErrorRecord != null => Message(runtime.ErrorRecord),
            PatternException pattern => $"[{pattern.ErrorId}] {pattern.Message}",
            _ => e.Message,
        };

        private static string Message(ErrorRecord record) => $"[{record.FullyQualifiedErrorId.Split(',')[0]}] {record.Exception.Message}";
    }
}
