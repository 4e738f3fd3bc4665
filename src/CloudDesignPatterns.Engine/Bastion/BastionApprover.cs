using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>An approval that passed every check and is ready to be written.</summary>
    public sealed class BastionApprovalPlan
    {
        internal BastionApprovalPlan(BastionRequest request, CallerIdentity approver)
        {
            Request = request; Approver = approver;
        }

        public BastionRequest Request { get; }
        internal CallerIdentity Approver { get; }
        public string ApproverArn => Approver.Arn;

        public string Describe() =>
            $"Approve {Request.Requester}'s bastion for {Request.SourceCidr} on TCP {Request.Port} until {BastionTags.Time(Request.ExpiresAt)} (reason: {Request.Reason})";
    }

    /// <summary>
    /// Approve-OnDemandBastion: someone other than the requester adds the approval tags. The IAM roles make sure only
    /// approvers can write them; this makes sure an approver cannot approve their own request.
    /// </summary>
    public static class BastionApprover
    {
        /// <summary>Read-only: the request and the caller, and every reason to refuse, before anything is written.</summary>
        public static async Task<BastionApprovalPlan> PlanAsync(Ec2Session ec2, string requestId, TimeSpan maxDuration, bool allowAnySource, CancellationToken cancel)
        {
            BastionRules.RequireRequestId(requestId);
            var group = await BastionReader.ReadGroupAsync(ec2, requestId, cancel).ConfigureAwait(false);
            var request = group.ToRequest(ec2.Region, DateTime.UtcNow);
            var caller = await CallerIdentityReader.ReadAsync(ec2, cancel).ConfigureAwait(false);
            return Check(request, caller, maxDuration, allowAnySource);
        }

        /// <summary>Pure: the rules an approval must pass.</summary>
        public static BastionApprovalPlan Check(BastionRequest request, CallerIdentity caller, TimeSpan maxDuration, bool allowAnySource)
        {
            if (caller.IsSameAs(request.Requester))
                throw new PatternException("SelfApprovalRefused", PatternErrorCategory.PermissionDenied,
                    $"{caller.Arn} requested {request.RequestId} and cannot approve it: someone else must.");
            switch (request.State)
            {
                case BastionState.Expired:
                    throw new PatternException("BastionRequestExpired", PatternErrorCategory.InvalidOperation,
                        $"{request.RequestId} expired at {BastionTags.Time(request.ExpiresAt)}; ask for a new one.");
                case BastionState.Approved:
                case BastionState.Active:
                    throw new PatternException("BastionAlreadyApproved", PatternErrorCategory.InvalidOperation,
                        $"{request.RequestId} was already approved by {request.Approver}.");
            }
            BastionRules.RequireSource(request.SourceCidr, allowAnySource);
            BastionRules.RequirePort(request.Port);
            BastionRules.RequireDuration(request.Duration, maxDuration);
            return new BastionApprovalPlan(request, caller);
        }

        public static async Task<BastionRequest> ExecuteAsync(Ec2Session ec2, BastionApprovalPlan plan, CancellationToken cancel)
        {
            var id = plan.Request.RequestId;
            var tags = new Dictionary<string, string>
            {
                [BastionTags.State] = BastionTags.StateApproved,
                [BastionTags.Approver] = plan.Approver.Arn,
                [BastionTags.ApprovedAt] = BastionTags.Time(DateTime.UtcNow),
            };
            await ec2.CallAsync("CreateTags", id, true, (c, ct) => c.CreateTagsAsync(new CreateTagsRequest
            {
                Resources = new List<string> { id }, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList(),
            }, ct), cancel).ConfigureAwait(false);

            var approved = (await BastionReader.ReadGroupAsync(ec2, id, cancel).ConfigureAwait(false)).ToRequest(ec2.Region, DateTime.UtcNow);
            if (approved.State != BastionState.Approved || !plan.Approver.IsSameAs(approved.Approver))
                throw new PatternException("BastionApprovalNotVerified", PatternErrorCategory.InvalidData,
                    $"The approval of {id} was written, but reading it back shows state {approved.State} approved by '{approved.Approver}'.");
            return approved;
        }
    }
}
