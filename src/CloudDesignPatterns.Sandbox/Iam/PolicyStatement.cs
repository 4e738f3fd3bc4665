using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>One parsed statement. Exactly one of Actions/NotActions and one of Resources/NotResources is non-null.</summary>
    public sealed class PolicyStatement
    {
        public PolicyStatement(
            string? sid,
            StatementEffect effect,
            IReadOnlyList<string>? actions,
            IReadOnlyList<string>? notActions,
            IReadOnlyList<string>? resources,
            IReadOnlyList<string>? notResources,
            IReadOnlyList<ConditionClause> conditions)
        {
            Sid = sid;
            Effect = effect;
            Actions = actions;
            NotActions = notActions;
            Resources = resources;
            NotResources = notResources;
            Conditions = conditions;
        }

        public string? Sid { get; }
        public StatementEffect Effect { get; }
        public IReadOnlyList<string>? Actions { get; }
        public IReadOnlyList<string>? NotActions { get; }
        public IReadOnlyList<string>? Resources { get; }
        public IReadOnlyList<string>? NotResources { get; }
        /// <summary>Every clause must hold (AND) for the statement to apply; empty means unconditional.</summary>
        public IReadOnlyList<ConditionClause> Conditions { get; }

        public override string ToString() => $"{Effect} {Sid ?? "(no Sid)"}";
    }
}
