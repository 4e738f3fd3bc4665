namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>A decision and the statement that made it, so an access-denied message can name the cause.</summary>
    public sealed class EvaluationResult
    {
        public EvaluationResult(Decision decision, PolicyStatement? matchedStatement)
        {
            Decision = decision;
            MatchedStatement = matchedStatement;
        }

        public Decision Decision { get; }

        /// <summary>The Deny statement that matched, or the first Allow statement that matched; null for an implicit deny.</summary>
        public PolicyStatement? MatchedStatement { get; }

        /// <summary>The matched statement's Sid (null when it has none, or when nothing matched).</summary>
        public string? MatchedSid => MatchedStatement?.Sid;

        public override string ToString() =>
            MatchedStatement is null ? Decision.ToString() : $"{Decision} by statement '{MatchedStatement.Sid ?? "(no Sid)"}'";
    }
}
