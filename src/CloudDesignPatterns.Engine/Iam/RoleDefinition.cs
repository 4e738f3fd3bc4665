using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>One role of a pattern: who uses it and the statements it needs.</summary>
    internal sealed class RoleDefinition
    {
        public RoleDefinition(string name, string description, params StatementDefinition[] statements)
        {
            Name = name;
            Description = description;
            Statements = statements;
        }

        public string Name { get; }
        public string Description { get; }
        public IReadOnlyList<StatementDefinition> Statements { get; }
    }

    /// <summary>A pattern and its roles; the first role is the default for Get-PatternIamPolicy without -Role.</summary>
    internal sealed class PatternDefinition
    {
        public PatternDefinition(string name, string description, params RoleDefinition[] roles)
        {
            Name = name;
            Description = description;
            Roles = roles;
        }

        public string Name { get; }
        public string Description { get; }
        public IReadOnlyList<RoleDefinition> Roles { get; }
        public RoleDefinition DefaultRole => Roles[0];
        /// <summary>Builds the pattern narrowed to named resources (<see cref="PolicyScope"/>); null when the pattern takes no scope.</summary>
        public System.Func<PolicyScope, PatternDefinition>? Scoped { get; set; }
    }
}
