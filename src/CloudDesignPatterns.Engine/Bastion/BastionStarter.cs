using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>What Start-OnDemandBastion may override; the rest comes from Cloud DI (cdp:bastion:*) or defaults.</summary>
    public sealed class BastionStartOptions
    {
        public string? ImageId { get; set; }
        public string? InstanceType { get; set; }
        public string? SubnetId { get; set; }
        public TimeSpan MaxDuration { get; set; } = BastionRules.DefaultMaxDuration;
        public bool AllowAnySource { get; set; }
    }

    /// <summary>A start that passed every check: the launch it will make (what -WhatIf prints).</summary>
    public sealed class BastionStartPlan
    {
        internal BastionStartPlan(BastionRequest request, string imageId, string instanceType, string? subnetId, bool windows)
        {
            Request = request; ImageId = imageId; InstanceType = instanceType; SubnetId = subnetId; Windows = windows;
        }

        public BastionRequest Request { get; }
        public string ImageId { get; }
        public string InstanceType { get; }
        public string? SubnetId { get; }
        public bool Windows { get; }
        public string Platform => Windows ? "Windows" : "Linux";

        /// <summary>The self-shutdown script, for the expiry of the request.</summary>
        public string UserData => Windows
            ? BastionUserData.Windows(Request.ExpiresAt, Request.RequestId)
            : BastionUserData.Linux(Request.ExpiresAt, Request.RequestId);

        public string Describe() =>
            $"Open TCP {Request.Port} to {Request.SourceCidr} and launch a {Platform} bastion ({ImageId}, {InstanceType}, {SubnetId ?? "default subnet"}) " +
            $"that terminates itself at {BastionTags.Time(Request.ExpiresAt)}";
    }

    /// <summary>
    /// Start-OnDemandBastion: only for an approved, unexpired request. One ingress rule for the requester's address, then
    /// the instance (IMDSv2 required, shutdown terminates, its own countdown in user data), then the request marked active.
    /// </summary>
    public static class BastionStarter
    {
        public static async Task<BastionStartPlan> PlanAsync(Ec2Session ec2, string requestId, BastionStartOptions options, CancellationToken cancel)
        {
            BastionRules.RequireRequestId(requestId);
            var group = await BastionReader.ReadGroupAsync(ec2, requestId, cancel).ConfigureAwait(false);
            var request = group.ToRequest(ec2.Region, DateTime.UtcNow);
            Check(request, options);

            var explicitSettings = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["ImageId"] = options.ImageId, ["InstanceType"] = options.InstanceType, ["SubnetId"] = options.SubnetId,
            };
            var configuration = await BastionConfiguration.ResolveAsync(ec2, explicitSettings, new[] { "ImageId", "SubnetId" }, cancel).ConfigureAwait(false);
            var imageId = BastionConfiguration.Text(configuration, "ImageId")
                ?? throw new PatternException("NoBastionImage", PatternErrorCategory.InvalidArgument,
                    "No AMI for the bastion: give -ImageId, or tag the instance this runs on with cdp:bastion:image-id.");
            var image = await DescribeImageAsync(ec2, imageId, cancel).ConfigureAwait(false);
            var windows = image.Platform == PlatformValues.Windows || (image.PlatformDetails ?? "").StartsWith("Windows", StringComparison.OrdinalIgnoreCase);
            return new BastionStartPlan(request, imageId, BastionConfiguration.Text(configuration, "InstanceType") ?? "t3.micro",
                BastionConfiguration.Text(configuration, "SubnetId"), windows);
        }

        /// <summary>Pure: the rules a start must pass. Each refusal names the step that is missing.</summary>
        public static void Check(BastionRequest request, BastionStartOptions options)
        {
            switch (request.State)
            {
                case BastionState.Requested:
                    throw new PatternException("BastionNotApproved", PatternErrorCategory.PermissionDenied,
                        $"{request.RequestId} has not been approved; someone other than {request.Requester} must run Approve-OnDemandBastion first.");
                case BastionState.Expired:
                    throw new PatternException("BastionRequestExpired", PatternErrorCategory.InvalidOperation,
                        $"{request.RequestId} expired at {BastionTags.Time(request.ExpiresAt)}; nothing is started. Ask for a new one.");
                case BastionState.Active:
                    throw new PatternException("BastionAlreadyStarted", PatternErrorCategory.InvalidOperation,
                        $"{request.RequestId} already runs as {request.InstanceId}.");
            }
            // An approval tag written by the requester (through some broader role) is no approval.
            if (string.IsNullOrEmpty(request.Approver) || string.Equals(request.Approver, request.Requester, StringComparison.OrdinalIgnoreCase))
                throw new PatternException("BastionNotApproved", PatternErrorCategory.PermissionDenied,
                    $"{request.RequestId} carries no approval by anyone other than its requester.");
            BastionRules.RequireSource(request.SourceCidr, options.AllowAnySource);
            BastionRules.RequirePort(request.Port);
            BastionRules.RequireDuration(request.Duration, options.MaxDuration);
        }

        public static async Task<BastionSession> ExecuteAsync(Ec2Session ec2, BastionStartPlan plan, CancellationToken cancel)
        {
            var request = plan.Request;
            var permission = await AllowRequesterAsync(ec2, request, cancel).ConfigureAwait(false);
            Instance instance;
            try
            {
                instance = await LaunchAsync(ec2, plan, cancel).ConfigureAwait(false);
            }
            catch (PatternException launchError)
            {
                // No bastion (or, after a 5xx, none we know of): the way in it was opened for must not stay open.
                throw await CloseAfterFailedLaunchAsync(ec2, request, permission, launchError).ConfigureAwait(false);
            }
            await ec2.CallAsync("CreateTags", request.RequestId, true, (c, ct) => c.CreateTagsAsync(new CreateTagsRequest
            {
                Resources = new List<string> { request.RequestId },
                Tags = new List<Tag> { new Tag(BastionTags.State, BastionTags.StateActive), new Tag(BastionTags.InstanceId, instance.InstanceId) },
            }, ct), cancel).ConfigureAwait(false);
            return await VerifyAsync(ec2, plan, instance.InstanceId, cancel).ConfigureAwait(false);
        }

        private static async Task<IpPermission> AllowRequesterAsync(Ec2Session ec2, BastionRequest request, CancellationToken cancel)
        {
            var ipv6 = request.SourceCidr.Contains(":");
            var description = "cdp bastion " + request.RequestId + " until " + BastionTags.Time(request.ExpiresAt);
            var permission = new IpPermission { IpProtocol = "tcp", FromPort = request.Port, ToPort = request.Port };
            if (ipv6) permission.Ipv6Ranges = new List<Ipv6Range> { new Ipv6Range { CidrIpv6 = request.SourceCidr, Description = description } };
            else permission.Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = request.SourceCidr, Description = description } };
            try
            {
                await ec2.CallAsync("AuthorizeSecurityGroupIngress", request.RequestId, true, (c, ct) => c.AuthorizeSecurityGroupIngressAsync(
                    new AuthorizeSecurityGroupIngressRequest { GroupId = request.RequestId, IpPermissions = new List<IpPermission> { permission } }, ct),
                    cancel).ConfigureAwait(false);
            }
            // A start that failed after opening the rule is being repeated: the rule is already the one we want.
            catch (PatternException e) when (e.AwsErrorCode == "InvalidPermission.Duplicate")
            {
                ec2.Log.Verbose($"{request.RequestId}: the ingress rule for {request.SourceCidr} already exists (a repeated start).");
            }
            return permission;
        }

        /// <summary>
        /// Revokes the requester's rule after RunInstances failed, and returns the error to throw: the launch failure, with
        /// what happened to the rule. Runs even when the command was cancelled, so Ctrl+C does not leave the rule open.
        /// </summary>
        private static async Task<PatternException> CloseAfterFailedLaunchAsync(Ec2Session ec2, BastionRequest request, IpPermission permission,
            PatternException launchError)
        {
            string cleanup;
            try
            {
                await ec2.CallAsync("RevokeSecurityGroupIngress", request.RequestId, true, (c, ct) => c.RevokeSecurityGroupIngressAsync(
                    new RevokeSecurityGroupIngressRequest { GroupId = request.RequestId, IpPermissions = new List<IpPermission> { permission } }, ct),
                    CancellationToken.None).ConfigureAwait(false);
                cleanup = $"the ingress rule for {request.SourceCidr} was revoked again";
            }
            catch (PatternException revokeError)
            {
                cleanup = $"revoking the ingress rule for {request.SourceCidr} also failed ({revokeError.Message}): run Stop-OnDemandBastion -RequestId {request.RequestId}";
            }
            var unknown = launchError.OutcomeUnknown ? $" An instance may have launched anyway: look for one tagged {BastionTags.RequestId}={request.RequestId} before starting again." : "";
            return new PatternException(launchError.ErrorId, launchError.Category,
                $"The bastion for {request.RequestId} was not launched: {launchError.Message} {char.ToUpperInvariant(cleanup[0])}{cleanup.Substring(1)}.{unknown}",
                launchError.AwsErrorCode, launchError.MissingAction, launchError) { OutcomeUnknown = launchError.OutcomeUnknown };
        }

        private static async Task<Instance> LaunchAsync(Ec2Session ec2, BastionStartPlan plan, CancellationToken cancel)
        {
            var request = plan.Request;
            var tags = new Dictionary<string, string>
            {
                [ManagedTags.ManagedByKey] = ManagedTags.ManagedByValue,
                ["Name"] = "cdp-bastion-" + request.RequestId,
                [BastionTags.RequestId] = request.RequestId,
                [BastionTags.Requester] = request.Requester,
                [BastionTags.Approver] = request.Approver ?? "",
                [BastionTags.ExpiresAt] = BastionTags.Time(request.ExpiresAt),
            };
            // Not retried blindly (a dropped RunInstances may have launched): the sweep finds any orphan by its tags.
            var answer = await ec2.CallAsync("RunInstances", request.RequestId, false, (c, ct) => c.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = plan.ImageId,
                InstanceType = plan.InstanceType,
                SubnetId = plan.SubnetId,
                SecurityGroupIds = new List<string> { request.RequestId },
                MinCount = 1,
                MaxCount = 1,
                MetadataOptions = new InstanceMetadataOptionsRequest
                {
                    HttpTokens = HttpTokensState.Required,
                    HttpEndpoint = InstanceMetadataEndpointState.Enabled,
                    InstanceMetadataTags = InstanceMetadataTagsState.Enabled,
                },
                InstanceInitiatedShutdownBehavior = ShutdownBehavior.Terminate,
                UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(plan.UserData)),
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification { ResourceType = ResourceType.Instance, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() },
                },
            }, ct), cancel).ConfigureAwait(false);
            return answer.Reservation?.Instances?.FirstOrDefault()
                ?? throw new PatternException("BastionNotLaunched", PatternErrorCategory.InvalidData, $"RunInstances for {request.RequestId} returned no instance.");
        }

        /// <summary>Read back: IMDSv2 required, shutdown terminates, and the group admits exactly the one source.</summary>
        private static async Task<BastionSession> VerifyAsync(Ec2Session ec2, BastionStartPlan plan, string instanceId, CancellationToken cancel)
        {
            var request = plan.Request;
            var instance = (await BastionReader.ReadInstancesAsync(ec2, new[] { instanceId }, cancel).ConfigureAwait(false)).Single().Instance;
            var shutdown = await ec2.CallAsync("DescribeInstanceAttribute", instanceId, true, (c, ct) => c.DescribeInstanceAttributeAsync(
                new DescribeInstanceAttributeRequest { InstanceId = instanceId, Attribute = InstanceAttributeName.InstanceInitiatedShutdownBehavior }, ct),
                cancel).ConfigureAwait(false);
            var group = await BastionReader.ReadGroupAsync(ec2, request.RequestId, cancel).ConfigureAwait(false);
            var problems = new List<string>();
            if (instance.MetadataOptions?.HttpTokens?.Value != "required") problems.Add($"IMDSv2 is '{instance.MetadataOptions?.HttpTokens?.Value}', not required");
            if (shutdown.InstanceAttribute?.InstanceInitiatedShutdownBehavior != "terminate")
                problems.Add($"shutdown behaviour is '{shutdown.InstanceAttribute?.InstanceInitiatedShutdownBehavior}', not terminate");
            var sources = group.Ingress.SelectMany(p => (p.Ipv4Ranges ?? new List<IpRange>()).Select(r => r.CidrIp)
                .Concat((p.Ipv6Ranges ?? new List<Ipv6Range>()).Select(r => r.CidrIpv6)).Select(s => (p.IpProtocol, p.FromPort, s))).ToList();
            if (sources.Count != 1 || sources[0].s != request.SourceCidr || sources[0].FromPort != request.Port)
                problems.Add($"the group admits {sources.Count} source(s), expected exactly {request.SourceCidr} on {request.Port}");
            if (problems.Count > 0)
                throw new PatternException("BastionNotVerified", PatternErrorCategory.InvalidData,
                    $"Bastion {instanceId} for {request.RequestId} was launched, but the read-back found: {string.Join("; ", problems)}. Stop it with Stop-OnDemandBastion.");
            var now = DateTime.UtcNow;
            return new BastionSession
            {
                RequestId = request.RequestId, Region = ec2.Region, InstanceId = instanceId, GroupId = request.RequestId,
                PrivateIpAddress = instance.PrivateIpAddress, PublicIpAddress = instance.PublicIpAddress,
                SourceCidr = request.SourceCidr, Port = request.Port, ImageId = plan.ImageId, InstanceType = plan.InstanceType,
                SubnetId = instance.SubnetId ?? plan.SubnetId ?? "", Platform = plan.Platform,
                Requester = request.Requester, Approver = request.Approver ?? "",
                ExpiresAt = request.ExpiresAt, Remaining = request.ExpiresAt > now ? request.ExpiresAt - now : TimeSpan.Zero,
            };
        }

        private static async Task<Image> DescribeImageAsync(Ec2Session ec2, string imageId, CancellationToken cancel)
        {
            if (!ResourceId.IsValid(ResourceKind.Image, imageId))
                throw new PatternException("InvalidImageId", PatternErrorCategory.InvalidArgument,
                    $"'{imageId}' is not a valid image (AMI) id (expected {ResourceId.ExpectedForm(ResourceKind.Image)}).");
            var answer = await ec2.CallAsync("DescribeImages", imageId, true,
                (c, ct) => c.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = new List<string> { imageId } }, ct), cancel).ConfigureAwait(false);
            return answer.Images?.FirstOrDefault() ?? throw new PatternException("BastionImageNotFound", PatternErrorCategory.ObjectNotFound,
                $"The AMI {imageId} does not exist in {ec2.Region}.");
        }
    }
}
