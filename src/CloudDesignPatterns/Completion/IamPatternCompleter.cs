using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudDesignPatterns.Engine.Iam;

namespace CloudDesignPatterns.Completion
{
    /// <summary>Completes the pattern names that have IAM policies (Core, Snapshot, …).</summary>
    public sealed class IamPatternCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.Matching(PolicyCatalog.Patterns.Select(n => (n, n)), wordToComplete);
    }
}
