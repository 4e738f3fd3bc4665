using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// A cmdlet that works on snapshot sets given either as objects down the pipeline (-InputObject) or by id (-SetId),
    /// with the ids checked before any AWS call (Copy- and Restore-PatternSnapshot).
    /// </summary>
    public abstract class SnapshotSetCmdlet : AwsCmdlet
    {
        protected const string InputObjectSet = "InputObject";
        protected const string SetIdSet = "SetId";

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public SnapshotSet[] InputObject { get; set; } = new SnapshotSet[0];

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SetIdSet)]
        [ArgumentCompleter(typeof(SnapshotSetIdCompleter))]
        public string[] SetId { get; set; } = new string[0];

        /// <summary>
        /// The sets of this record: the piped ones, or those <paramref name="byId"/> makes of -SetId once every id's form is
        /// checked (a malformed one stops the command before any AWS call).
        /// </summary>
        protected IEnumerable<SnapshotSet> SetsOfThisRecord(Func<string[], IEnumerable<SnapshotSet>> byId)
        {
            if (ParameterSetName == InputObjectSet) return InputObject.Where(s => s != null);
            foreach (var id in SetId)
            {
                try { SnapshotSetId.Require(id, nameof(SetId)); }
                catch (PatternException error) { ThrowPatternError(error, id); }
            }
            return byId(SetId);
        }
    }
}
