using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// One policy statement written as readable C#:
    /// <c>StatementDefinition.Allow("DeleteManagedSnapshots").Actions("ec2:DeleteSnapshot").On(Ec2Arns.Snapshot).WhenResourceManaged()</c>.
    /// </summary>
    internal sealed class StatementDefinition
    {
        private readonly List<string> _actions = new List<string>();
        private readonly List<string> _resources = new List<string>();
        private readonly List<ConditionDefinition> _conditions = new List<ConditionDefinition>();

        private StatementDefinition(string sid, string effect)
        {
            Sid = sid;
            Effect = effect;
        }

        public static StatementDefinition Allow(string sid) => new StatementDefinition(sid, "Allow");

        public static StatementDefinition Deny(string sid) => new StatementDefinition(sid, "Deny");

        public string Sid { get; }
        public string Effect { get; }
        public IReadOnlyList<string> ActionList => _actions;
        public IReadOnlyList<string> ResourceList => _resources;
        public IReadOnlyList<ConditionDefinition> Conditions => _conditions;

        public StatementDefinition Actions(params string[] actions)
        {
            _actions.AddRange(actions);
            return this;
        }

        public StatementDefinition On(params string[] resources)
        {
            _resources.AddRange(resources);
            return this;
        }

        public StatementDefinition When(string conditionOperator, string key, params string[] values)
        {
            if (values.Length == 0) throw new ArgumentException("A condition needs at least one value.", nameof(values));
            _conditions.Add(new ConditionDefinition(conditionOperator, key, values));
            return this;
        }

        /// <summary>Only when the request puts the managed-by tag on the resource it creates.</summary>
        public StatementDefinition WhenCreatedAsManaged() =>
            When(ConditionKeys.StringEquals, ConditionKeys.RequestTagManagedBy, ManagedTags.ManagedByValue);

        /// <summary>Only on existing resources that already carry the managed-by tag.</summary>
        public StatementDefinition WhenResourceManaged() =>
            When(ConditionKeys.StringEquals, ConditionKeys.ResourceTagManagedBy, ManagedTags.ManagedByValue);

        /// <summary>Only as part of creating a resource (TagSpecifications of one of these actions), never as a stand-alone CreateTags.</summary>
        public StatementDefinition WhenTaggingOnCreate(params string[] createActions) =>
            When(ConditionKeys.StringEquals, ConditionKeys.Ec2CreateAction, createActions);
    }

    internal sealed class ConditionDefinition
    {
        public ConditionDefinition(string conditionOperator, string key, IReadOnlyList<string> values)
        {
            Operator = conditionOperator;
            Key = key;
            Values = values;
        }

        public string Operator { get; }
        public string Key { get; }
        public IReadOnlyList<string> Values { get; }
    }
}
