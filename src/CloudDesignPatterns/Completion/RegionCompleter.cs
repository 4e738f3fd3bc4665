using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudDesignPatterns.Engine.Aws;

namespace CloudDesignPatterns.Completion
{
    /// <summary>Completes region names from the AWS SDK's list.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.Matching(RegionCatalog.KnownNames.Select(n => (n, n)), wordToComplete);
    }
}
