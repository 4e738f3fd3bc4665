using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Commands.Bastion
{
    /// <summary>Lists bastion requests and sessions with their state and remaining time. Changes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "OnDemandBastion")]
    [OutputType(typeof(BastionRequest))]
    public sealed class GetOnDemandBastionCommand : AwsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecurityGroupIdCompleter))]
        [Alias("GroupId")]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        [Parameter]
        public BastionState[]? State { get; set; }

        private readonly List<string> ids = new List<string>();

        protected override void ProcessRecord()
        {
            foreach (var id in RequestId)
            {
                try { ids.Add(BastionRules.RequireRequestId(id)); }
                catch (Engine.Errors.PatternException bad) { WritePatternError(bad, id); }
            }
        }

        protected override void EndProcessing()
        {
            if (RequestId.Length > 0 && ids.Count == 0) return; // every id was refused
            ResolveContextOnce();
            var requests = RunOrThrow((log, ct) => BastionLister.ListAsync(SessionFor(log), ids, ct), string.Join(",", ids));
            foreach (var missing in ids.Where(id => requests.All(r => r.RequestId != id)))
                WriteError(new ErrorRecord(new ItemNotFoundException($"There is no bastion request {missing}."), "BastionRequestNotFound",
                    ErrorCategory.ObjectNotFound, missing));
            foreach (var request in requests.Where(r => State == null || State.Contains(r.State))) WriteObject(request);
        }
    }
}
