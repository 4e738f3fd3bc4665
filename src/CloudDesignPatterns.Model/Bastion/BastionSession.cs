using System;

namespace CloudDesignPatterns.Model.Bastion
{
    /// <summary>A running bastion, as Start-OnDemandBastion returns it. RequestId and Region bind to Stop-OnDemandBastion.</summary>
    public sealed class BastionSession
    {
        public string RequestId { get; set; } = "";
        public string Region { get; set; } = "";
        public string InstanceId { get; set; } = "";
        /// <summary>The bastion's security group (the same as the request id).</summary>
        public string GroupId { get; set; } = "";
        public string? PrivateIpAddress { get; set; }
        public string? PublicIpAddress { get; set; }
        /// <summary>The one source let in, and on which TCP port.</summary>
        public string SourceCidr { get; set; } = "";
        public int Port { get; set; }
        public string ImageId { get; set; } = "";
        public string InstanceType { get; set; } = "";
        public string SubnetId { get; set; } = "";
        /// <summary>"Linux" or "Windows": which self-shutdown user data the bastion carries.</summary>
        public string Platform { get; set; } = "";
        public string Requester { get; set; } = "";
        public string Approver { get; set; } = "";
        /// <summary>When the bastion powers itself off (UTC); its shutdown behaviour is terminate.</summary>
        public DateTime ExpiresAt { get; set; }
        public TimeSpan Remaining { get; set; }

        public override string ToString() => $"{InstanceId} until {ExpiresAt:u}";
    }
}
