using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CdpTests
{
    /// <summary>
    /// A PowerShell host for tests that answers every -Confirm prompt: "No" when the prompt's message matches one of the
    /// decline patterns (regular expressions), otherwise "Yes", so a test can decline one item of a plan and accept the
    /// others, as an operator at the keyboard would. Every prompt it answered is kept in Prompts, in order. (Data, not a
    /// script block: the prompt comes on the other runspace's thread, while this one waits for it.)
    /// </summary>
    public sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUI _ui;
        public AnsweringHost(string[] declinePatterns) { _ui = new AnsweringUI(declinePatterns); }
        public List<string> Prompts => _ui.Prompts;
        public override string Name => "CdpAnsweringHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class AnsweringUI : PSHostUserInterface
    {
        private readonly string[] _declinePatterns;
        public AnsweringUI(string[] declinePatterns) { _declinePatterns = declinePatterns; }
        public List<string> Prompts { get; } = new List<string>();
        public override PSHostRawUserInterface RawUI => null!;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(message);
            var label = Array.Exists(_declinePatterns, p => System.Text.RegularExpressions.Regex.IsMatch(message, p)) ? "No" : "Yes";
            for (var i = 0; i < choices.Count; i++)
                if (string.Equals(choices[i].Label.Replace("&", ""), label.Replace("&", ""), StringComparison.OrdinalIgnoreCase)) return i;
            throw new InvalidOperationException($"No choice '{label}' in the prompt: {message}");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException(message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException(message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException(message);
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
