using System.Collections.Generic;

namespace CloudDesignPatterns.Model
{
    /// <summary>Who the current instance is, as instance metadata (IMDSv2) tells it.</summary>
    public sealed class InstanceIdentity
    {
        public string InstanceId { get; set; } = "";
        public string Region { get; set; } = "";
        public string AvailabilityZone { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string InstanceType { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string PrivateIpAddress { get; set; } = "";
        public string MacAddress { get; set; } = "";
        /// <summary>Primary interface first.</summary>
        public string[] NetworkInterfaceIds { get; set; } = new string[0];
        public string VpcId { get; set; } = "";
        public string SubnetId { get; set; } = "";
        /// <summary>Null when the instance has no instance profile.</summary>
        public string? IamRoleName { get; set; }

        public override string ToString() => InstanceId;
    }
}
