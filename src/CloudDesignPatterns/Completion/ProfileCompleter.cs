using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudDesignPatterns.Engine.Aws;

namespace CloudDesignPatterns.Completion
{
    /// <summary>Completes profile names from the shared config and credentials files.</summary>
    public sealed class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.Matching(ProfileNames.List().Select(n => (n, n)), wordToComplete);
    }
}
