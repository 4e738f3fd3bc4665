using System;

namespace CloudDesignPatterns.Model.Bastion
{
    /// <summary>
    /// A bastion request as it lives in AWS: the bastion's own security group and its cdp:bastion:* tags. RequestId (the
    /// group id) and Region bind by property name to Approve-, Start- and Stop-OnDemandBastion.
    /// </summary>
    public sealed class BastionRequest
    {
        /// <summary>The id of the request's security group (sg-…).</summary>
        public string RequestId { get; set; } = "";
        public string Region { get; set; } = "";
        public string VpcId { get; set; } = "";
        public BastionState State { get; set; }
        /// <summary>The requester's ARN as STS GetCallerIdentity reported it.</summary>
        public string Requester { get; set; } = "";
        /// <summary>The approver's ARN; null until approved.</summary>
        public string? Approver { get; set; }
        /// <summary>The one source allowed in (CIDR, a /32 or /128 unless the request was made with -AllowAnySource).</summary>
        public string SourceCidr { get; set; } = "";
        public int Port { get; set; }
        public TimeSpan Duration { get; set; }
        public string Reason { get; set; } = "";
        public DateTime RequestedAt { get; set; }
        public DateTime? ApprovedAt { get; set; }
        /// <summary>When access ends (UTC): the requested time plus the duration.</summary>
        public DateTime ExpiresAt { get; set; }
        /// <summary>Time left at the moment this object was read; zero once expired.</summary>
        public TimeSpan Remaining { get; set; }
        /// <summary>The bastion instance once started; null before.</summary>
        public string? InstanceId { get; set; }

        public override string ToString() => $"{RequestId} {State}";
    }
}
