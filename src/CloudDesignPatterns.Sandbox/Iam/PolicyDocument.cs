using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>A parsed, validated identity-based IAM policy document.</summary>
    public sealed class PolicyDocument
    {
        public PolicyDocument(string version, string? id, IReadOnlyList<PolicyStatement> statements)
        {
            Version = version;
            Id = id;
            Statements = statements;
        }

        /// <summary>"2012-10-17" or "2008-10-17" (IAM's default when the element is omitted).</summary>
        public string Version { get; }
        public string? Id { get; }
        public IReadOnlyList<PolicyStatement> Statements { get; }

        /// <summary>Parses and validates a policy document.</summary>
        /// <exception cref="PolicyFormatException">The JSON is invalid or an element is missing, misspelt or of the wrong type.</exception>
        public static PolicyDocument Parse(string json) => PolicyParser.Parse(json);
    }
}
