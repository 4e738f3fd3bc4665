using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudDesignPatterns.Engine.Configuration;

namespace CloudDesignPatterns.Completion
{
    /// <summary>Completes pattern names (snapshot, routing, …) from the Cloud DI catalog.</summary>
    public sealed class PatternNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.Matching(SettingCatalog.Default.PatternNames.Select(n => (n, n)), wordToComplete);
    }
}
