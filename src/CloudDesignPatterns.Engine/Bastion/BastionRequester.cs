using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>What Request-OnDemandBastion will create: validated before any call, and what -WhatIf prints.</summary>
    public sealed class BastionRequestPlan
    {
        internal BastionRequestPlan(SourceAddress source, int port, TimeSpan duration, string reason, string? vpcId)
        {
            Source = source; Port = port; Duration = duration; Reason = reason; VpcId = vpcId;
        }

        public SourceAddress Source { get; }
        public int Port { get; }
        public TimeSpan Duration { get; }
        public string Reason { get; }
        /// <summary>Null: the region's default VPC.</summary>
        public string? VpcId { get; }

        public string Describe() =>
            $"Request a bastion for {Source.Cidr} on TCP {Port} for {Duration} in {VpcId ?? "the default VPC"} (a security group with no ingress until approved and started)";
    }

    /// <summary>Request-OnDemandBastion: the request is the bastion's own security group, created closed and tagged.</summary>
    public static class BastionRequester
    {
        /// <summary>Pure: every limit checked, nothing called.</summary>
        public static BastionRequestPlan Plan(string? source, bool allowAnySource, int port, TimeSpan duration, TimeSpan maxDuration, string? reason, string? vpcId)
        {
            var parsed = BastionRules.RequireSource(source, allowAnySource);
            BastionRules.RequirePort(port);
            BastionRules.RequireDuration(duration, maxDuration);
            var why = BastionRules.RequireReason(reason);
            if (vpcId != null && !ResourceId.IsValid(ResourceKind.Vpc, vpcId))
                throw new PatternException("InvalidVpcId", PatternErrorCategory.InvalidArgument,
                    $"'{vpcId}' is not a valid VPC id (expected {ResourceId.ExpectedForm(ResourceKind.Vpc)}).");
            return new BastionRequestPlan(parsed, port, TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds)), why, vpcId);
        }

        /// <summary>
        /// The plan with its VPC: -VpcId, else the cdp:bastion:vpc-id setting (tag or user data) of the instance this
        /// runs on, else none (EC2's default VPC). Resolved before the confirmation, so -WhatIf names the VPC used.
        /// </summary>
        public static async Task<BastionRequestPlan> WithConfiguredVpcAsync(Ec2Session ec2, BastionRequestPlan plan, CancellationToken cancel)
        {
            if (plan.VpcId != null) return plan;
            var notGiven = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["VpcId"] = null };
            var configuration = await BastionConfiguration.ResolveAsync(ec2, notGiven, new[] { "VpcId" }, cancel).ConfigureAwait(false);
            var vpcId = BastionConfiguration.Text(configuration, "VpcId");
            return vpcId == null ? plan : new BastionRequestPlan(plan.Source, plan.Port, plan.Duration, plan.Reason, vpcId);
        }

        /// <summary>Who asks (STS), the group created with its tags in the same call, then read back.</summary>
        public static async Task<BastionRequest> ExecuteAsync(Ec2Session ec2, BastionRequestPlan plan, CancellationToken cancel)
        {
            var caller = await CallerIdentityReader.ReadAsync(ec2, cancel).ConfigureAwait(false);
            var now = DateTime.UtcNow;
            var stamp = now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var name = $"cdp-bastion-{stamp}-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
            var tags = new Dictionary<string, string>
            {
                [ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue,
                ["Name"] = name,
                [BastionTags.Requester] = caller.Arn,
                [BastionTags.Source] = plan.Source.Cidr,
                [BastionTags.Port] = plan.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [BastionTags.Duration] = BastionTags.Seconds(plan.Duration),
                [BastionTags.Reason] = plan.Reason,
                [BastionTags.RequestedAt] = BastionTags.Time(now),
                [BastionTags.ExpiresAt] = BastionTags.Time(now + plan.Duration),
                [BastionTags.State] = BastionTags.StateRequested,
            };
            var created = await ec2.CallAsync("CreateSecurityGroup", name, false, (c, ct) => c.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = "On-demand bastion request (CloudDesignPatterns); no ingress until approved and started",
                VpcId = plan.VpcId,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = "security-group", Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() },
                },
            }, ct), cancel).ConfigureAwait(false);

            // Verified: the group exists, carries the request, and lets nobody in.
            var group = await BastionReader.ReadGroupAsync(ec2, created.GroupId, cancel).ConfigureAwait(false);
            if (group.Ingress.Count > 0 || !group.Tags.TryGetValue(BastionTags.Requester, out var requester) || requester != caller.Arn)
                throw new PatternException("BastionRequestNotVerified", PatternErrorCategory.InvalidData,
                    $"The request {created.GroupId} was created, but reading it back did not show a closed group tagged for {caller.Arn}.");
            return group.ToRequest(ec2.Region, DateTime.UtcNow);
        }
    }
}
